import { describe, expect, it } from 'vitest';
import { openPgliteThread } from '@/relay/store/pglite-thread';
describe('x', () => { it('y', async () => { const sql = await openPgliteThread(); expect(await sql.query('SELECT 1 AS x')).toEqual([{ x: 1 }]); await sql.close(); }); });
