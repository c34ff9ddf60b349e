import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", ".next-*/**", "node_modules/**", "lib/generated/**", ".data/**", ".data-*/**", "test-results/**", "test-results-*/**", "playwright-report/**", "bench-results/**", "next-env.d.ts"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // sonner loads after hydration (components/ui/sonner.tsx); importing it anywhere else puts it
      // back into the first-load JavaScript.
      "no-restricted-imports": ["error", { paths: [{ name: "sonner", message: "Import toast from @/components/ui/sonner (it loads sonner lazily).", allowTypeImports: true }] }],
    },
  },
  {
    // Request bodies are read only through lib/http/body.ts (readJson in route handlers), which caps their size.
    files: ["app/**/*.ts", "app/**/*.tsx", "lib/**/*.ts", "proxy.ts"],
    ignores: ["lib/http/body.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.object.name=/^(req|request)$/][callee.property.name=/^(json|text|formData|arrayBuffer|blob|bytes|clone)$/]",
          message: "Read request bodies with readJson() (lib/http/route.ts) or readBodyBytes() (lib/http/body.ts): they cap the size (413).",
        },
        {
          selector: "MemberExpression[object.name=/^(req|request)$/][property.name='body']",
          message: "Read request bodies with readJson() (lib/http/route.ts) or readBodyBytes() (lib/http/body.ts): they cap the size (413).",
        },
      ],
    },
  },
  {
    files: ["components/ui/sonner-host.tsx"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    // Journeys take `test` from e2e/fixtures.ts, which fails them on any Content-Security-Policy violation.
    files: ["e2e/**/*.spec.ts"],
    rules: {
      "no-restricted-imports": ["error", { paths: [{ name: "@playwright/test", message: "Import test and expect from e2e/fixtures (it fails a journey on any CSP violation).", allowTypeImports: true }] }],
    },
  },
];

export default config;
