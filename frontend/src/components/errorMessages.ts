/** The French messages of failed calls, shared by the forms and the error states. */
export const MESSAGES = {
  network: "Le serveur est injoignable. Vérifiez votre connexion internet puis réessayez.",
  throttled: "Trop de tentatives, réessayez dans quelques minutes.",
  csrf: "Votre session a expiré. Rechargez la page puis réessayez.",
  server: "Une erreur est survenue sur le serveur. Réessayez dans quelques instants.",
  unexpected: "Une erreur inattendue est survenue. Réessayez.",
} as const;
