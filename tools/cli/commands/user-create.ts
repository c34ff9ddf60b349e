// `user:create`: the password is asked on the terminal (not echoed) or read from stdin with
// --password-stdin; never taken as an argument (visible in `ps`, kept in shell history).
import { AppError } from "@/lib/errors";
import { createUser } from "@/lib/users/create-user";
import { str, UsageError, type Command } from "../command";

export const userCreate: Command = {
  name: "user:create",
  summary: "Create a user with an e-mail and password (asked for, or read from stdin)",
  options: {
    email: { type: "string", required: true, placeholder: "<email>", description: "E-mail address (sign-in name)" },
    name: { type: "string", required: true, placeholder: "<name>", description: "Display name" },
    "password-stdin": { type: "boolean", description: "Read the password (at least 8 characters) from stdin instead of asking for it" },
  },
  refused: {
    password: "a password on the command line is visible in `ps` and kept in shell history. Leave it out to be asked for it in the terminal (not echoed), or pipe it in with --password-stdin.",
  },
  examples: [
    'npm run portal -- user:create --email ada@example.com --name "Ada Lovelace"   # asks for the password',
    'npm run portal -- user:create --email ada@example.com --name "Ada Lovelace" --password-stdin < password.txt',
  ],
  async run(options, io) {
    const email = str(options, "email");
    const name = str(options, "name");
    let password: string;
    if (options["password-stdin"] === true) {
      password = (await io.readStdin()).replace(/\r?\n$/, "");
    } else if (io.stdinIsTTY) {
      password = await io.readSecret("Password (not shown): ");
      if ((await io.readSecret("Repeat the password: ")) !== password) throw new AppError("BAD_REQUEST", "The two passwords differ; nothing was created.");
    } else {
      throw new UsageError("No password: run this in a terminal to be asked for it, or pipe it in with --password-stdin.");
    }
    const user = await createUser({ email, password, name });
    io.out(`Created user ${user.email} (${user.name}), id ${user.id}.`);
  },
};
