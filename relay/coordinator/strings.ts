/**
 * Every sentence of the coordinator's page, in English and French. The relay cannot read the
 * extension's _locales (it imports only lib/protocol), so its page keeps its own; the French
 * typography test checks these too (narrow no-break space before : ; ? ! and inside « »).
 */
export type PageLanguage = 'en' | 'fr';

const en = {
  htmlTitle: 'Binôme: programme coordinator',
  heading: 'Programme coordinator',
  languageNav: 'Language',
  signInTitle: 'Sign in',
  signInIntro: 'Sign in with the coordinator secret the relay’s operator gave you, or open the one-time link they sent you.',
  secretLabel: 'Coordinator secret',
  signInButton: 'Sign in',
  linkIntro: 'This one-time link signs you in to your programme’s page. It works once, within 15 minutes of being made.',
  linkButton: 'Sign in with this link',
  signInFailed:
    'This secret or link does not work: it may be mistyped, already used or expired. Check the secret, or ask the relay’s operator for a new link.',
  signedOut: 'You are signed out.',
  signOut: 'Sign out',
  downloadCsv: 'Download these figures (CSV)',
  period: 'Period',
  generatedAt: 'Figures as of',
  hiddenProgramme:
    'This programme has fewer than 5 pairs, so no figure is shown: with so few pairs, the figures would tell about individual people. They appear from the fifth pair on.',
  pairsTitle: 'Pairs',
  pairsCaption: 'Pairs of the programme by state',
  state: 'State',
  count: 'Number',
  active: 'Active',
  dormant: 'Dormant (no message for 14 days)',
  ended: 'Ended',
  total: 'Total',
  activityTitle: 'Questions and answers',
  activityCaption: 'Activity of the whole programme',
  figure: 'Figure',
  value: 'Value',
  questionsTotal: 'Questions asked',
  answeredShare: 'Questions answered',
  medianAnswer: 'Median time to a first answer',
  p90Answer: 'Time within which 90% of questions get a first answer',
  twoWay: 'Questions asked by juniors (two-way share)',
  kudos: 'Kudos given',
  hiddenFigure: 'Not shown: fewer than 5 pairs',
  hiddenRatings: 'Not shown: fewer than 5 ended pairs shared their wrap-up',
  weeksTitle: 'Questions per week',
  weeksCaption: 'Questions asked each week since the programme started',
  week: 'Week',
  weekStart: 'Starting',
  questions: 'Questions',
  ratingsTitle: 'Ended pairs',
  ratingsCaption: 'Wrap-up of ended pairs, from the people who agreed to share it',
  averageRating: 'Average rating (1 to 4)',
  recommend: 'Would recommend it',
  endingTitle: 'Pairs ending within 14 days',
  endingCaption: 'Pairs whose end date is in the next 14 days',
  checkInTitle: 'Pairs that may need a check-in',
  checkInCaption: 'Pairs silent for 14 days, or with a question unanswered for 48 hours',
  senior: 'Senior',
  junior: 'Junior',
  endsOn: 'Ends on',
  reason: 'Why',
  reasonSilent: 'No message for 14 days',
  reasonUnanswered: 'A question unanswered for 48 hours',
  none: 'None.',
  howTitle: 'How these figures are made',
  howText:
    'The relay counts the envelopes of messages: which pair, which of the two sent it, what kind of message, and when it arrived. It never reads what people write, which stays encrypted between their two browsers. An answer counts for the oldest unanswered question of the buddy before it.',
  hours: (value: string) => `${value} h`,
  minutes: (value: string) => `${value} min`,
  underAMinute: 'Under a minute',
};

export type PageStrings = typeof en;

const fr: PageStrings = {
  htmlTitle: 'Binôme\u202f: coordination du programme',
  heading: 'Coordination du programme',
  languageNav: 'Langue',
  signInTitle: 'Connexion',
  signInIntro:
    'Connectez-vous avec le secret de coordination que vous a remis la personne qui gère le serveur, ou ouvrez le lien à usage unique qu’elle vous a envoyé.',
  secretLabel: 'Secret de coordination',
  signInButton: 'Se connecter',
  linkIntro:
    'Ce lien à usage unique vous connecte à la page de votre programme. Il ne sert qu’une fois, dans les 15 minutes qui suivent sa création.',
  linkButton: 'Se connecter avec ce lien',
  signInFailed:
    'Ce secret ou ce lien ne fonctionne pas\u202f: il est peut-être mal saisi, déjà utilisé ou expiré. Vérifiez le secret, ou demandez un nouveau lien à la personne qui gère le serveur.',
  signedOut: 'Vous êtes déconnecté.',
  signOut: 'Se déconnecter',
  downloadCsv: 'Télécharger ces chiffres (CSV)',
  period: 'Période',
  generatedAt: 'Chiffres au',
  hiddenProgramme:
    'Ce programme compte moins de 5 binômes, aucun chiffre n’est donc affiché\u202f: avec si peu de binômes, les chiffres renseigneraient sur des personnes. Ils apparaissent à partir du cinquième binôme.',
  pairsTitle: 'Binômes',
  pairsCaption: 'Binômes du programme par état',
  state: 'État',
  count: 'Nombre',
  active: 'Actifs',
  dormant: 'En sommeil (aucun message depuis 14 jours)',
  ended: 'Terminés',
  total: 'Total',
  activityTitle: 'Questions et réponses',
  activityCaption: 'Activité de l’ensemble du programme',
  figure: 'Indicateur',
  value: 'Valeur',
  questionsTotal: 'Questions posées',
  answeredShare: 'Questions ayant reçu une réponse',
  medianAnswer: 'Délai médian avant une première réponse',
  p90Answer: 'Délai dans lequel 90\u202f% des questions reçoivent une première réponse',
  twoWay: 'Questions posées par les juniors (part réciproque)',
  kudos: 'Remerciements envoyés',
  hiddenFigure: 'Non affiché\u202f: moins de 5 binômes',
  hiddenRatings: 'Non affiché\u202f: moins de 5 binômes terminés ont partagé leur bilan',
  weeksTitle: 'Questions par semaine',
  weeksCaption: 'Questions posées chaque semaine depuis le début du programme',
  week: 'Semaine',
  weekStart: 'À partir du',
  questions: 'Questions',
  ratingsTitle: 'Binômes terminés',
  ratingsCaption: 'Bilan des binômes terminés, d’après les personnes qui ont accepté de le partager',
  averageRating: 'Note moyenne (de 1 à 4)',
  recommend: 'Le recommanderaient',
  endingTitle: 'Binômes qui se terminent dans les 14 jours',
  endingCaption: 'Binômes dont la date de fin tombe dans les 14 prochains jours',
  checkInTitle: 'Binômes à qui faire signe',
  checkInCaption: 'Binômes silencieux depuis 14 jours, ou avec une question sans réponse depuis 48 heures',
  senior: 'Senior',
  junior: 'Junior',
  endsOn: 'Fin le',
  reason: 'Pourquoi',
  reasonSilent: 'Aucun message depuis 14 jours',
  reasonUnanswered: 'Une question sans réponse depuis 48 heures',
  none: 'Aucun.',
  howTitle: 'D’où viennent ces chiffres',
  howText:
    'Le serveur compte les enveloppes des messages\u202f: quel binôme, lequel des deux l’a envoyé, quel genre de message, et quand il est arrivé. Il ne lit jamais ce que les gens écrivent, qui reste chiffré entre leurs deux navigateurs. Une réponse compte pour la plus ancienne question du binôme restée sans réponse avant elle.',
  hours: (value: string) => `${value}\u00a0h`,
  minutes: (value: string) => `${value}\u00a0min`,
  underAMinute: 'Moins d’une minute',
};

export const PAGE_STRINGS: Record<PageLanguage, PageStrings> = { en, fr };

/** `?lang=` first (the page's switch), then the browser's Accept-Language, then English. */
export function pageLanguage(query: string | undefined, acceptLanguage: string | undefined): PageLanguage {
  if (query === 'en' || query === 'fr') return query;
  const preferred = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^q=([\d.]+)$/.exec(p.trim())?.[1]).find(Boolean);
      return { tag: tag.toLowerCase(), q: q === undefined ? 1 : Number(q) };
    })
    .filter((entry) => entry.tag && entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of preferred) {
    if (tag.startsWith('fr')) return 'fr';
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}
