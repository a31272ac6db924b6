/**
 * The coordinator's page, rendered on the relay as plain HTML: no script, no external resource,
 * one stylesheet carried by a nonce the Content-Security-Policy names. Every interpolation goes
 * through hono/html, which escapes it: names come from CSV files and devices.
 */
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { CheckInReason, CoordinatorReport, ReportFigures } from './report.ts';
import { PAGE_STRINGS, type PageLanguage, type PageStrings } from './strings.ts';

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** Contrast of at least 7:1 for text and 4.5:1 for links and focus rings, in light and dark. */
const STYLE = `
:root { color-scheme: light dark; --text: #1b1b1b; --bg: #ffffff; --muted: #4a4a4a; --link: #0a4fb5; --line: #8a8a8a; --panel: #f1f3f6; --alert: #8a1c1c; }
@media (prefers-color-scheme: dark) {
  :root { --text: #f0f0f0; --bg: #121417; --muted: #c8c8c8; --link: #9cc3ff; --line: #7a7a7a; --panel: #1e2228; --alert: #ffb4ab; }
}
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: var(--text); background: var(--bg); }
header, main, footer { max-width: 60rem; margin: 0 auto; padding: 1rem; }
header { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: baseline; gap: 1rem; }
h1 { font-size: 1.5rem; margin: 0; } h2 { font-size: 1.25rem; margin-top: 2rem; }
a { color: var(--link); }
a:focus-visible, button:focus-visible, input:focus-visible { outline: 3px solid var(--link); outline-offset: 2px; }
nav ul { list-style: none; display: flex; gap: 1rem; margin: 0; padding: 0; }
nav a[aria-current="true"] { font-weight: bold; text-decoration: none; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
caption { text-align: left; color: var(--muted); padding-bottom: 0.25rem; }
th, td { border: 1px solid var(--line); padding: 0.4rem 0.6rem; text-align: left; vertical-align: top; }
thead th { background: var(--panel); }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
form.inline { display: inline; }
label { display: block; font-weight: bold; margin-bottom: 0.25rem; }
input[type="password"] { font: inherit; padding: 0.4rem; width: min(100%, 28rem); color: var(--text); background: var(--bg); border: 1px solid var(--line); }
button { font: inherit; padding: 0.4rem 1rem; margin-top: 0.5rem; color: var(--bg); background: var(--link); border: 0; border-radius: 4px; cursor: pointer; }
.alert { color: var(--alert); font-weight: bold; }
.muted { color: var(--muted); }
`;

function formatters(language: PageLanguage) {
  const locale = language === 'fr' ? 'fr-FR' : 'en-GB';
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const integer = new Intl.NumberFormat(locale);
  return {
    date: (ms: number) => date.format(ms),
    dateTime: (ms: number) => `${dateTime.format(ms)} UTC`,
    percent: (share: number) => percent.format(share),
    rating: (value: number) => decimal.format(value),
    /** Hours from one hour on; minutes below it, where "0 h" would say a fast answer took nothing. */
    duration: (t: PageStrings, ms: number) => {
      if (ms < 60_000) return t.underAMinute;
      if (ms < 3_600_000) return t.minutes(integer.format(Math.round(ms / 60_000)));
      return t.hours(decimal.format(ms / 3_600_000));
    },
    integer: (value: number) => integer.format(value),
  };
}

export interface PageFrame {
  language: PageLanguage;
  /** The page's own path, for the language links. */
  path: string;
  nonce: string;
}

function layout(frame: PageFrame, body: Html): Html {
  const t = PAGE_STRINGS[frame.language];
  const languageLink = (language: PageLanguage, label: string) =>
    html`<li><a href="${frame.path}?lang=${language}" lang="${language}" hreflang="${language}"${
      frame.language === language ? html` aria-current="true"` : ''
    }>${label}</a></li>`;
  return html`<!doctype html>
<html lang="${frame.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>${t.htmlTitle}</title>
<style nonce="${frame.nonce}">${STYLE}</style>
</head>
<body>
<header>
<h1>${t.heading}</h1>
<nav aria-label="${t.languageNav}"><ul>${languageLink('en', 'English')}${languageLink('fr', 'Français')}</ul></nav>
</header>
<main>
${body}
</main>
</body>
</html>`;
}

/** The sign-in form for a coordinator secret; `failed` shows why the last attempt did not work. */
export function signInPage(frame: PageFrame, options: { failed?: boolean; signedOut?: boolean } = {}): Html {
  const t = PAGE_STRINGS[frame.language];
  return layout(
    frame,
    html`<h2>${t.signInTitle}</h2>
${options.failed ? html`<p class="alert" role="alert">${t.signInFailed}</p>` : ''}
${options.signedOut ? html`<p role="status">${t.signedOut}</p>` : ''}
<p>${t.signInIntro}</p>
<form method="post" action="/coordinator/sign-in?lang=${frame.language}">
<label for="secret">${t.secretLabel}</label>
<input id="secret" name="secret" type="password" autocomplete="current-password" required spellcheck="false">
<div><button type="submit">${t.signInButton}</button></div>
</form>`,
  );
}

/**
 * A one-time link opens this page and spends nothing: only the button's POST does, so a mail
 * scanner that follows links cannot use up the link before the coordinator clicks it.
 */
export function signInLinkPage(frame: PageFrame, token: string): Html {
  const t = PAGE_STRINGS[frame.language];
  return layout(
    frame,
    html`<h2>${t.signInTitle}</h2>
<p>${t.linkIntro}</p>
<form method="post" action="/coordinator/sign-in?lang=${frame.language}">
<input type="hidden" name="token" value="${token}">
<button type="submit">${t.linkButton}</button>
</form>`,
  );
}

function figureRows(t: PageStrings, f: ReturnType<typeof formatters>, figures: ReportFigures): Html {
  const hidden = html`<span class="muted">${t.hiddenFigure}</span>`;
  const row = (label: string, value: string | Html) =>
    html`<tr><th scope="row">${label}</th><td class="number">${value}</td></tr>`;
  return html`${row(t.questionsTotal, f.integer(figures.questions))}
${row(t.answeredShare, figures.answeredShare === null ? hidden : f.percent(figures.answeredShare))}
${row(t.medianAnswer, figures.timeToFirstAnswer ? f.duration(t, figures.timeToFirstAnswer.medianMs) : hidden)}
${row(t.p90Answer, figures.timeToFirstAnswer ? f.duration(t, figures.timeToFirstAnswer.p90Ms) : hidden)}
${row(t.twoWay, figures.twoWayShare === null ? hidden : f.percent(figures.twoWayShare))}
${row(t.kudos, f.integer(figures.kudos))}`;
}

function reasonText(t: PageStrings, reason: CheckInReason): string {
  return reason === 'silent' ? t.reasonSilent : t.reasonUnanswered;
}

function figuresSection(t: PageStrings, f: ReturnType<typeof formatters>, figures: ReportFigures): Html {
  const { pairs } = figures;
  const count = (label: string, value: number) =>
    html`<tr><th scope="row">${label}</th><td class="number">${f.integer(value)}</td></tr>`;
  return html`<section aria-labelledby="pairs-title">
<h2 id="pairs-title">${t.pairsTitle}</h2>
<table><caption>${t.pairsCaption}</caption>
<thead><tr><th scope="col">${t.state}</th><th scope="col">${t.count}</th></tr></thead>
<tbody>${count(t.active, pairs.active)}${count(t.dormant, pairs.dormant)}${count(t.ended, pairs.ended)}${count(t.total, pairs.total)}</tbody>
</table>
</section>
<section aria-labelledby="activity-title">
<h2 id="activity-title">${t.activityTitle}</h2>
<table><caption>${t.activityCaption}</caption>
<thead><tr><th scope="col">${t.figure}</th><th scope="col">${t.value}</th></tr></thead>
<tbody>${figureRows(t, f, figures)}</tbody>
</table>
</section>
<section aria-labelledby="weeks-title">
<h2 id="weeks-title">${t.weeksTitle}</h2>
<table><caption>${t.weeksCaption}</caption>
<thead><tr><th scope="col">${t.week}</th><th scope="col">${t.weekStart}</th><th scope="col">${t.questions}</th></tr></thead>
<tbody>${figures.questionsPerWeek.map(
    (w) =>
      html`<tr><th scope="row">${w.week}</th><td>${f.date(w.startsAt)}</td><td class="number">${f.integer(w.questions)}</td></tr>`,
  )}</tbody>
</table>
</section>
<section aria-labelledby="ratings-title">
<h2 id="ratings-title">${t.ratingsTitle}</h2>
<table><caption>${t.ratingsCaption}</caption>
<thead><tr><th scope="col">${t.figure}</th><th scope="col">${t.value}</th></tr></thead>
<tbody>
<tr><th scope="row">${t.averageRating}</th><td class="number">${figures.ratings ? f.rating(figures.ratings.averageRating) : html`<span class="muted">${t.hiddenRatings}</span>`}</td></tr>
<tr><th scope="row">${t.recommend}</th><td class="number">${figures.ratings ? f.percent(figures.ratings.recommendShare) : html`<span class="muted">${t.hiddenRatings}</span>`}</td></tr>
</tbody>
</table>
</section>
<section aria-labelledby="ending-title">
<h2 id="ending-title">${t.endingTitle}</h2>
${
  figures.endingSoon.length === 0
    ? html`<p>${t.none}</p>`
    : html`<table><caption>${t.endingCaption}</caption>
<thead><tr><th scope="col">${t.senior}</th><th scope="col">${t.junior}</th><th scope="col">${t.endsOn}</th></tr></thead>
<tbody>${figures.endingSoon.map((p) => html`<tr><td>${p.senior}</td><td>${p.junior}</td><td>${f.date(p.endsAt - 1)}</td></tr>`)}</tbody>
</table>`
}
</section>
<section aria-labelledby="check-in-title">
<h2 id="check-in-title">${t.checkInTitle}</h2>
${
  figures.checkIns.length === 0
    ? html`<p>${t.none}</p>`
    : html`<table><caption>${t.checkInCaption}</caption>
<thead><tr><th scope="col">${t.senior}</th><th scope="col">${t.junior}</th><th scope="col">${t.reason}</th></tr></thead>
<tbody>${figures.checkIns.map(
        (p) =>
          html`<tr><td>${p.senior}</td><td>${p.junior}</td><td>${p.reasons.map((r) => reasonText(t, r)).join(', ')}</td></tr>`,
      )}</tbody>
</table>`
}
</section>`;
}

export function reportPage(frame: PageFrame, report: CoordinatorReport): Html {
  const t = PAGE_STRINGS[frame.language];
  const f = formatters(frame.language);
  const { programme } = report;
  return layout(
    frame,
    html`<h2>${programme.name}</h2>
<p>${t.period}${frame.language === 'fr' ? '\u202f' : ''}: ${f.date(programme.startsAt)} – ${f.date(programme.endsAt - 1)}<br>
${t.generatedAt} ${f.dateTime(report.generatedAt)}</p>
<p><a href="/coordinator/programmes/${programme.id}/report.csv" download>${t.downloadCsv}</a></p>
<form class="inline" method="post" action="/coordinator/sign-out?lang=${frame.language}"><button type="submit">${t.signOut}</button></form>
${report.figures ? figuresSection(t, f, report.figures) : html`<p role="status">${t.hiddenProgramme}</p>`}
<section aria-labelledby="how-title">
<h2 id="how-title">${t.howTitle}</h2>
<p>${t.howText}</p>
</section>`,
  );
}
