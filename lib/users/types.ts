export type UserDTO = { id: string; email: string; name: string };
