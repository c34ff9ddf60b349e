export type TeamDTO = { id: string; name: string; slug: string; timeZone: string; country: string };

export const TEAM_SELECT = { id: true, name: true, slug: true, timeZone: true, country: true } as const;
