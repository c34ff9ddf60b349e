import "server-only";
import { logger } from "@/lib/logger";

/**
 * THE place where the owner of an existing account hears that someone tried to sign up with its
 * address (the sign-up answer itself does not tell, so addresses cannot be enumerated). Today: one
 * log line. The e-mail issue (15) sends the owner a notice from here; queue it rather than wait for
 * the mail server, so this path takes as long as creating an account.
 */
export async function notifyExistingAccountOfSignUp(account: { id: string }): Promise<void> {
  logger.info({ module: "sign-up", userId: account.id }, "sign-up with the address of an existing account: nothing created");
}
