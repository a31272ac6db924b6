import { useId } from 'react';
import { t } from '@/lib/i18n/i18n';
import { skillLabel, suggestSkills } from '@/lib/knowledge/skill-catalogue';
import { TEXT_LIMITS } from '@/lib/conversation/text-limits';
import { useTextLimit } from './useTextLimit';

/** What travels: the catalogue id when the person picked a suggestion, else their words. */
export function skillToSend(tool: string, typed: string): string | undefined {
  const text = typed.trim();
  if (!text) return undefined;
  return suggestSkills(tool).find((skill) => skill.label.toLowerCase() === text.toLowerCase())?.id ?? text;
}

/** The label to show in the field for a skill as stored. */
export function skillToShow(skill: string): string {
  return skill ? skillLabel(skill) : '';
}

interface Props {
  tool: string;
  value: string;
  onChange(value: string): void;
}

/** A free text field with the tool's skills suggested (a native combobox). */
export function SkillField({ tool, value, onChange }: Props) {
  const id = useId();
  const limit = useTextLimit(value, TEXT_LIMITS.skill);
  return (
    <>
      <label htmlFor={id}>{t('skill_label')}</label>
      <input
        id={id}
        list={`${id}-list`}
        value={value}
        autoComplete="off"
        {...limit.fieldProps}
        onChange={(event) => onChange(event.target.value)}
      />
      {limit.counter}
      <p className="hint">{t('skill_hint')}</p>
      <datalist id={`${id}-list`}>
        {suggestSkills(tool).map((skill) => (
          <option key={skill.id} value={skill.label} />
        ))}
      </datalist>
    </>
  );
}
