/**
 * The element description, on a DOM without layout: neither happy-dom nor jsdom is
 * installed, so pages are parsed with linkedom (which wxt itself depends on). Layout-bound
 * parts (rect, innerText, computed visibility) are checked in real Chromium by
 * tests/e2e/capture-blocks.spec.ts.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import {
  accessibleName,
  cssEscape,
  cssPath,
  describeElement,
  elementDescriptionSchema,
  roleOf,
} from '@/lib/capture/element-description';

function page(body: string): Document {
  return parseHTML(`<!doctype html><html><head><title>t</title></head><body>${body}</body></html>`).document;
}

function one(document: Document, selector: string): Element {
  const element = document.querySelector(selector);
  if (!element) throw new Error(`No ${selector}`);
  return element;
}

describe('role', () => {
  const document = page(`
    <a id="link" href="/x">Go</a><a id="anchor">No href</a>
    <button id="button">B</button>
    <input id="text"><input id="email" type="email"><input id="check" type="checkbox"><input id="radio" type="radio">
    <input id="submit" type="submit"><input id="range" type="range"><input id="number" type="number">
    <input id="search" type="search"><input id="listed" list="options"><input id="hidden" type="hidden">
    <select id="select"><option>a</option></select><select id="multi" multiple></select>
    <textarea id="area"></textarea>
    <h1 id="h1">H</h1><h4 id="h4">H</h4><img id="img" alt="Logo"><img id="decor" alt="">
    <nav id="nav"></nav><main id="main"><header id="inner-header"></header></main><header id="header"></header>
    <table id="table"><tr id="tr"><th id="th">T</th><td id="td">1</td></tr></table>
    <ul id="ul"><li id="li">x</li></ul>
    <div id="div"></div><div id="explicit" role="Tab other">t</div><span id="menu" role="menuitem">m</span>`);
  const cases: Array<[string, string]> = [
    ['link', 'link'],
    ['anchor', 'generic'],
    ['button', 'button'],
    ['text', 'textbox'],
    ['email', 'textbox'],
    ['check', 'checkbox'],
    ['radio', 'radio'],
    ['submit', 'button'],
    ['range', 'slider'],
    ['number', 'spinbutton'],
    ['search', 'searchbox'],
    ['listed', 'combobox'],
    ['hidden', ''],
    ['select', 'combobox'],
    ['multi', 'listbox'],
    ['area', 'textbox'],
    ['h1', 'heading'],
    ['h4', 'heading'],
    ['img', 'img'],
    ['decor', 'presentation'],
    ['nav', 'navigation'],
    ['main', 'main'],
    ['header', 'banner'],
    ['inner-header', 'generic'],
    ['table', 'table'],
    ['tr', 'row'],
    ['th', 'columnheader'],
    ['td', 'cell'],
    ['ul', 'list'],
    ['li', 'listitem'],
    ['div', ''],
    ['explicit', 'tab'],
    ['menu', 'menuitem'],
  ];
  it.each(cases)('#%s has role "%s"', (id, role) => {
    expect(roleOf(one(document, `#${id}`))).toBe(role);
  });
});

describe('accessible name', () => {
  const document = page(`
    <label for="first">First   name</label><input id="first">
    <label>Country <select id="country"><option>France</option><option>Belgium</option></select></label>
    <label>Wrapped <input id="wrapped" value="typed secret"></label>
    <input id="labelled" aria-labelledby="part1 part2" aria-label="ignored">
    <span id="part1">Monthly</span><span id="part2" hidden>budget</span>
    <button id="aria" aria-label="Close the window">×</button>
    <img id="logo" alt="Orange logo" title="ignored">
    <a id="tip" href="/" title="A tooltip">Home page</a>
    <div id="titled" title="The toolbar">lots of text</div>
    <button id="text">  Save
      the   <b>budget</b> <span aria-hidden="true">★</span></button>
    <input id="placeholder" placeholder="Search the web">
    <input id="go" type="submit" value="Send">
    <p id="long">${'word '.repeat(100)}</p>
    <svg id="svg"><title>Chart of sales</title></svg>
    <table id="table"><caption>Expenses</caption><tr><td>1</td></tr></table>`);
  const cases: Array<[string, string]> = [
    ['first', 'First name'],
    ['country', 'Country'],
    ['wrapped', 'Wrapped'],
    ['labelled', 'Monthly budget'],
    ['aria', 'Close the window'],
    ['logo', 'Orange logo'],
    ['tip', 'Home page'],
    ['titled', 'The toolbar'],
    ['text', 'Save the budget'],
    ['placeholder', 'Search the web'],
    ['go', 'Send'],
    ['svg', 'Chart of sales'],
    ['table', 'Expenses'],
  ];
  it.each(cases)('#%s is named "%s"', (id, name) => {
    expect(accessibleName(one(document, `#${id}`))).toBe(name);
  });

  it('is cut to 120 characters', () => {
    const name = describeElement(one(document, '#long')).name;
    expect(name.length).toBeLessThanOrEqual(120);
    expect(name.endsWith('…')).toBe(true);
  });

  it('never contains what was typed in a field', () => {
    const description = describeElement(one(document, '#wrapped'));
    expect(JSON.stringify(description)).not.toContain('typed secret');
    expect(description.text).toBe('');
  });
});

describe('visible text and attributes', () => {
  const document = page(`
    <div id="card" data-testid="invoice-card" data-row="3" data-long="${'x'.repeat(300)}" class="c">
      Invoice <span hidden>secret</span>
      <p>Total:   12 €</p>
      <script>var a = 1;</script>
    </div>
    <div id="many" ${Array.from({ length: 15 }, (_, index) => `data-a${index}="${index}"`).join(' ')}></div>
    <p id="long">${'a'.repeat(500)}</p>`);

  it('collapses whitespace and leaves out hidden parts and scripts', () => {
    expect(describeElement(one(document, '#card')).text).toBe('Invoice Total: 12 €');
  });

  it('is cut to 200 characters', () => {
    const text = describeElement(one(document, '#long')).text;
    expect(text.length).toBe(200);
  });

  it('keeps only data attributes, at most 10, values cut to 100 characters', () => {
    const card = describeElement(one(document, '#card'));
    expect(Object.keys(card.dataAttributes)).toEqual(['data-testid', 'data-row', 'data-long']);
    expect(card.dataAttributes['data-testid']).toBe('invoice-card');
    expect(card.dataAttributes['data-long']!.length).toBe(100);
    expect(Object.keys(describeElement(one(document, '#many')).dataAttributes)).toHaveLength(10);
  });

  it('records id, tag, and a layout-free rect and pixel ratio', () => {
    const card = describeElement(one(document, '#card'));
    expect(card).toMatchObject({ id: 'card', tag: 'div', rect: { x: 0, y: 0, width: 0, height: 0 }, devicePixelRatio: 1 });
  });
});

describe('CSS path', () => {
  const document = page(`
    <div id="app">
      <ul><li>One</li><li>Two</li><li>Two</li></ul>
      <ul><li>Three</li><li><button>Go</button><button>Go</button></li></ul>
    </div>
    <section><div><div><p>Same</p><p>Same</p></div><div><p>Same</p><p>Same</p></div></div></section>
    <section><div><div><p>Same</p><p>Same</p></div></div></section>
    <div id="dup">a</div><div id="dup">b</div>
    <div id="ember12345"><span>generated id</span></div>
    <div id="1st:odd.id">odd id</div>
    ${'<div>'.repeat(14)}<em>deep</em><em>deep</em>${'</div>'.repeat(14)}
    ${'<div>'.repeat(14)}<em>deep</em><em>deep</em>${'</div>'.repeat(14)}
    <div id="deep">${'<div>'.repeat(14)}<em>deep</em><em>deep</em>${'</div>'.repeat(14)}</div>`);

  const depth = (element: Element) => {
    let levels = 0;
    for (let current = element.parentElement; current && current !== document.body; current = current.parentElement) levels++;
    return levels;
  };

  it('finds exactly the element, for every element of the page', () => {
    // Inside a chain of more than 10 single-child divs no 10-part path can tell the
    // levels apart: those are the only elements left out.
    const chained = (element: Element) => element.localName === 'div' && depth(element) >= 9;
    for (const element of Array.from(document.body.querySelectorAll('*')).filter((element) => !chained(element))) {
      const path = cssPath(element);
      const matches = document.querySelectorAll(path);
      expect(matches.length, path).toBe(1);
      expect(matches[0], path).toBe(element);
    }
  });

  it('is #id when the id is unique', () => {
    expect(cssPath(one(document, '#app'))).toBe('#app');
    expect(cssPath(document.querySelectorAll('#app li')[2]!)).toBe('#app > ul:nth-of-type(1) > li:nth-of-type(3)');
    expect(cssPath(document.querySelectorAll('#app button')[1]!)).toBe(
      '#app > ul:nth-of-type(2) > li:nth-of-type(2) > button:nth-of-type(2)',
    );
  });

  it('escapes ids that are not identifiers', () => {
    const odd =
      document.querySelectorAll('div')[
        Array.from(document.querySelectorAll('div')).findIndex((div) => div.textContent === 'odd id')
      ]!;
    expect(cssPath(odd)).toBe(`#${cssEscape('1st:odd.id')}`);
    expect(cssEscape('1st:odd.id')).toBe('\\31 st\\:odd\\.id');
  });

  it('does not rely on duplicated or generated ids', () => {
    const [first, second] = Array.from(document.querySelectorAll('[id="dup"]'));
    expect(cssPath(first!)).not.toContain('#dup');
    expect(document.querySelector(cssPath(second!))).toBe(second);
    expect(cssPath(one(document, '[id="ember12345"] > span'))).not.toContain('ember');
  });

  it('tells identical siblings apart without ids', () => {
    const paragraphs = Array.from(document.querySelectorAll('section p'));
    const paths = paragraphs.map(cssPath);
    expect(new Set(paths).size).toBe(paragraphs.length);
    for (const [index, path] of paths.entries()) expect(document.querySelector(path)).toBe(paragraphs[index]);
    expect(paths[0]).toBe('body > section:nth-of-type(1) > div > div:nth-of-type(1) > p:nth-of-type(1)');
  });

  it('has at most 10 parts, hanging deep elements from the nearest id or from the child of body', () => {
    for (const element of Array.from(document.body.querySelectorAll('*'))) {
      expect(cssPath(element).split(/ > | /).length).toBeLessThanOrEqual(10);
    }
    const ems = Array.from(document.querySelectorAll('em'));
    expect(cssPath(ems[1]!)).toMatch(/^body > div:nth-of-type\(\d+\) (div > ){7}em:nth-of-type\(2\)$/);
    expect(cssPath(ems[5]!)).toMatch(/^#deep (div > ){8}em:nth-of-type\(2\)$/);
  });
});

describe('schema', () => {
  const document = page(`<div id="x" data-a="1"><button>Go</button></div>`);

  it('accepts what describeElement gives', () => {
    const description = describeElement(one(document, 'button'));
    expect(elementDescriptionSchema.parse(description)).toEqual(description);
  });

  it('refuses oversized or malformed descriptions', () => {
    const valid = describeElement(one(document, '#x'));
    const invalid = [
      { ...valid, name: 'n'.repeat(121) },
      { ...valid, text: 't'.repeat(201) },
      { ...valid, dataAttributes: { onclick: 'x' } },
      { ...valid, dataAttributes: Object.fromEntries(Array.from({ length: 11 }, (_, index) => [`data-${index}`, ''])) },
      { ...valid, rect: { x: Number.NaN, y: 0, width: 1, height: 1 } },
      { ...valid, devicePixelRatio: 0 },
      { ...valid, tag: '' },
    ];
    for (const description of invalid) expect(elementDescriptionSchema.safeParse(description).success).toBe(false);
  });
});
