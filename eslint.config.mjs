import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const LIB_ZONE = { target: "./lib", from: ["./components", "./app"], message: "lib/ never imports from components/ or app/: move browser-side helpers to components/." };
const WHATTALK_ZONE = {
  target: ["./app", "./components", "./lib", "./tools", "./proxy.ts", "./instrumentation.ts"],
  from: "./lib/whattalk",
  except: ["./index.ts", "./enums.ts"],
  message: "Import the WhatTalk client from @/lib/whattalk (its index); add what you need to its exports.",
};

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
    // Sealed boundaries (docs/ARCHITECTURE.md, "Layers"): lib/ never imports from components/ or app/,
    // and lib/whattalk is used through its index (enums.ts is its zod-free part for client components).
    // tests/unit/lib-boundaries.test.ts checks every folder with an index and that lib folders form no cycle.
    files: ["**/*.ts", "**/*.tsx", "**/*.mjs"],
    ignores: ["lib/whattalk/**"],
    rules: { "import/no-restricted-paths": ["error", { zones: [LIB_ZONE, WHATTALK_ZONE] }] },
  },
  {
    files: ["lib/whattalk/**"],
    rules: { "import/no-restricted-paths": ["error", { zones: [LIB_ZONE] }] },
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
