import "next-auth/jwt";

declare module "next-auth/jwt" {
  interface JWT {
    /** The user's sessionVersion when this session was issued. */
    sv?: number;
  }
}
