import "next-auth/jwt";

declare module "next-auth/jwt" {
  interface JWT {
    /** The user's sessionVersion when this session was issued. */
    sv?: number;
    /** This session's id, fixed at sign-in (next-auth re-stamps `jti` at every re-encode); refused once revoked by signing out. */
    sid?: string;
  }
}
