/**
 * Skills suggested per tool, in English and French. A catalogued skill travels as its id
 * ("excel/pivot-tables") so each buddy reads it in their own language; a skill a person
 * types travels as its text.
 */

import { uiLanguage } from '../i18n/i18n';

type Label = readonly [en: string, fr: string];

const GENERAL: Record<string, Label> = {
  'find-information': ['Find information', 'Trouver une information'],
  'fill-a-form': ['Fill in a form', 'Remplir un formulaire'],
  'sign-in-security': ['Signing in and security', 'Connexion et sécurité'],
  'share-a-link': ['Share a link', 'Partager un lien'],
};

const BY_TOOL: Record<string, Record<string, Label>> = {
  linkedin: {
    'publish-a-post': ['Publish a post', 'Publier un post'],
    'edit-the-profile': ['Edit the profile', 'Modifier le profil'],
    messages: ['Messages', 'Messagerie'],
    'grow-the-network': ['Grow the network', 'Développer son réseau'],
    'privacy-settings': ['Privacy settings', 'Paramètres de confidentialité'],
  },
  excel: {
    formulas: ['Formulas', 'Formules'],
    'pivot-tables': ['Pivot tables', 'Tableaux croisés dynamiques'],
    charts: ['Charts', 'Graphiques'],
    'sort-and-filter': ['Sort and filter', 'Trier et filtrer'],
    sharing: ['Sharing and co-editing', 'Partage et co-édition'],
  },
  word: {
    styles: ['Styles and headings', 'Styles et titres'],
    'track-changes': ['Track changes and comments', 'Suivi des modifications et commentaires'],
    'layout-and-print': ['Layout and printing', 'Mise en page et impression'],
    sharing: ['Sharing and co-editing', 'Partage et co-édition'],
  },
  powerpoint: {
    'slide-design': ['Slide design', 'Mise en forme des diapositives'],
    'present-and-record': ['Present and record', 'Présenter et enregistrer'],
    animations: ['Animations and transitions', 'Animations et transitions'],
    sharing: ['Sharing and co-editing', 'Partage et co-édition'],
  },
  outlook: {
    'sort-the-inbox': ['Sort the inbox (rules, folders)', 'Trier la boîte de réception (règles, dossiers)'],
    'calendar-and-meetings': ['Calendar and meetings', 'Agenda et réunions'],
    'signature-and-out-of-office': ['Signature and out of office', 'Signature et absence du bureau'],
    attachments: ['Attachments and shared files', 'Pièces jointes et fichiers partagés'],
  },
  teams: {
    'join-a-meeting': ['Join and run a meeting', 'Rejoindre et animer une réunion'],
    'chat-and-channels': ['Chat and channels', 'Conversations et canaux'],
    'share-the-screen': ['Share the screen', 'Partager l’écran'],
    'files-in-teams': ['Files in Teams', 'Fichiers dans Teams'],
  },
  sharepoint: {
    'find-a-document': ['Find a document', 'Trouver un document'],
    permissions: ['Access and permissions', 'Accès et autorisations'],
    'pages-and-news': ['Pages and news', 'Pages et actualités'],
  },
  onedrive: {
    'sync-files': ['Sync files', 'Synchroniser les fichiers'],
    'share-a-file': ['Share a file', 'Partager un fichier'],
    'restore-a-version': ['Restore a version', 'Restaurer une version'],
  },
  copilot: {
    'write-a-prompt': ['Write a good prompt', 'Écrire une bonne requête'],
    'summarise-a-document': ['Summarise a document', 'Résumer un document'],
    'check-the-answers': ['Check the answers', 'Vérifier les réponses'],
  },
  'google-sheets': {
    formulas: ['Formulas', 'Formules'],
    'pivot-tables': ['Pivot tables', 'Tableaux croisés dynamiques'],
    charts: ['Charts', 'Graphiques'],
    sharing: ['Sharing and co-editing', 'Partage et co-édition'],
  },
  'google-docs': {
    styles: ['Styles and headings', 'Styles et titres'],
    'suggestions-and-comments': ['Suggestions and comments', 'Suggestions et commentaires'],
    sharing: ['Sharing and co-editing', 'Partage et co-édition'],
  },
  'google-slides': {
    'slide-design': ['Slide design', 'Mise en forme des diapositives'],
    present: ['Present', 'Présenter'],
    sharing: ['Sharing and co-editing', 'Partage et co-édition'],
  },
  'google-forms': {
    'build-a-form': ['Build a form', 'Créer un formulaire'],
    'read-the-answers': ['Read the answers', 'Lire les réponses'],
  },
  'google-drive': {
    'find-a-file': ['Find a file', 'Trouver un fichier'],
    'share-a-file': ['Share a file', 'Partager un fichier'],
    'shared-drives': ['Shared drives', 'Drives partagés'],
  },
  gmail: {
    'labels-and-filters': ['Labels and filters', 'Libellés et filtres'],
    'search-mail': ['Search mail', 'Rechercher un e-mail'],
    'signature-and-vacation': ['Signature and vacation reply', 'Signature et réponse automatique'],
  },
  'google-calendar': {
    'schedule-a-meeting': ['Schedule a meeting', 'Planifier une réunion'],
    'share-a-calendar': ['Share a calendar', 'Partager un agenda'],
  },
  'google-meet': {
    'join-a-meeting': ['Join and run a meeting', 'Rejoindre et animer une réunion'],
    'share-the-screen': ['Share the screen', 'Partager l’écran'],
  },
  slack: {
    'channels-and-threads': ['Channels and threads', 'Canaux et fils'],
    notifications: ['Notifications', 'Notifications'],
    'search-slack': ['Search', 'Recherche'],
  },
  zoom: {
    'join-a-meeting': ['Join and run a meeting', 'Rejoindre et animer une réunion'],
    'share-the-screen': ['Share the screen', 'Partager l’écran'],
    'record-a-meeting': ['Record a meeting', 'Enregistrer une réunion'],
  },
  salesforce: {
    'update-an-opportunity': ['Update an opportunity', 'Mettre à jour une opportunité'],
    'reports-and-dashboards': ['Reports and dashboards', 'Rapports et tableaux de bord'],
    'log-an-activity': ['Log an activity', 'Enregistrer une activité'],
  },
  hubspot: {
    'contacts-and-companies': ['Contacts and companies', 'Contacts et entreprises'],
    'email-campaigns': ['Email campaigns', 'Campagnes e-mail'],
    reports: ['Reports', 'Rapports'],
  },
  notion: {
    'pages-and-blocks': ['Pages and blocks', 'Pages et blocs'],
    databases: ['Databases', 'Bases de données'],
    sharing: ['Sharing', 'Partage'],
  },
  trello: {
    'boards-and-cards': ['Boards and cards', 'Tableaux et cartes'],
    'due-dates-and-members': ['Due dates and members', 'Échéances et membres'],
  },
  jira: {
    'create-an-issue': ['Create an issue', 'Créer un ticket'],
    'boards-and-sprints': ['Boards and sprints', 'Tableaux et sprints'],
    'search-with-filters': ['Search with filters', 'Rechercher avec des filtres'],
  },
  confluence: {
    'write-a-page': ['Write a page', 'Rédiger une page'],
    'find-a-page': ['Find a page', 'Trouver une page'],
    templates: ['Templates', 'Modèles'],
  },
  canva: {
    'start-from-a-template': ['Start from a template', 'Partir d’un modèle'],
    'brand-kit': ['Brand kit', 'Charte graphique'],
    'export-and-share': ['Export and share', 'Exporter et partager'],
  },
  chatgpt: {
    'write-a-prompt': ['Write a good prompt', 'Écrire une bonne requête'],
    'check-the-answers': ['Check the answers', 'Vérifier les réponses'],
    'confidential-data': ['What not to paste (confidential data)', 'Ce qu’il ne faut pas coller (données confidentielles)'],
  },
  workday: {
    'request-time-off': ['Request time off', 'Poser des congés'],
    expenses: ['Expenses', 'Notes de frais'],
    'personal-information': ['Personal information', 'Informations personnelles'],
  },
  successfactors: {
    'goals-and-reviews': ['Goals and reviews', 'Objectifs et entretiens'],
    learning: ['Learning', 'Formations'],
    'personal-information': ['Personal information', 'Informations personnelles'],
  },
};

export interface SkillSuggestion {
  /** "excel/pivot-tables", or "general/find-information" for any site. */
  id: string;
  label: string;
}

function language(): 0 | 1 {
  return uiLanguage() === 'fr' ? 1 : 0;
}

function entries(prefix: string, labels: Record<string, Label>, lang: 0 | 1): SkillSuggestion[] {
  return Object.entries(labels).map(([key, label]) => ({ id: `${prefix}/${key}`, label: label[lang] }));
}

/** The tool's own skills first, then the general ones that apply anywhere. */
export function suggestSkills(toolId: string, lang = language()): SkillSuggestion[] {
  const own = BY_TOOL[toolId];
  return [...(own ? entries(toolId, own, lang) : []), ...entries('general', GENERAL, lang)];
}

/** The label to show for a skill as it travels: a catalogue id in the reader's language, else the text. */
export function skillLabel(skill: string, lang = language()): string {
  const [prefix, key] = skill.split('/', 2);
  const table = prefix === 'general' ? GENERAL : BY_TOOL[prefix ?? ''];
  const label = key ? table?.[key] : undefined;
  return label ? label[lang] : skill;
}

/** Every catalogued skill, general ones first, each label once: what a charter's objectives are picked from. */
export function everySkill(lang = language()): SkillSuggestion[] {
  const all = [
    ...entries('general', GENERAL, lang),
    ...Object.entries(BY_TOOL).flatMap(([tool, labels]) => entries(tool, labels, lang)),
  ];
  return all.filter((skill, index) => all.findIndex((other) => other.label === skill.label) === index);
}

/** Every catalogue entry, for tests: each has an English and a French label. */
export function allCatalogueLabels(): Label[] {
  return [...Object.values(GENERAL), ...Object.values(BY_TOOL).flatMap((labels) => Object.values(labels))];
}

export const CATALOGUED_TOOLS = Object.keys(BY_TOOL);
