import { createUser } from "@/lib/users/create-user";
import { str, type Command } from "../command";

export const userCreate: Command = {
  name: "user:create",
  summary: "Create a user with an e-mail and password",
  options: {
    email: { type: "string", required: true, placeholder: "<email>", description: "E-mail address (sign-in name)" },
    password: { type: "string", required: true, placeholder: "<password>", description: 'Password (at least 8 characters); "-" reads it from stdin' },
    name: { type: "string", required: true, placeholder: "<name>", description: "Display name" },
  },
  examples: ['npm run portal -- user:create --email ada@example.com --name "Ada Lovelace" --password -  < password.txt'],
  async run(options, io) {
    let password = str(options, "password");
    if (password === "-") password = (await io.readStdin()).replace(/\r?\n$/, "");
    const user = await createUser({ email: str(options, "email"), password, name: str(options, "name") });
    io.out(`Created user ${user.email} (${user.name}), id ${user.id}.`);
  },
};
