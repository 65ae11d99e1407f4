/** The shared file both ticket labs sell from: their code writes it, their analysis reads it. */
export const TICKET_FILE = 'data.json';
