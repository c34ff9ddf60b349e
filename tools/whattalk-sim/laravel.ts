// Laravel behaviour the real API shows through: PHP-style query parsing (with the TrimStrings and
// ConvertEmptyStringsToNull middleware), validation messages, and LengthAwarePaginator JSON.

import { isCalendarDate } from "./tz";

/** A query value after PHP parsing: a string, or an array for `name[]=` / `name[x]=` keys. */
export type InputValue = string | string[];

export interface ParsedQuery {
  /** The raw query params as received: decoded, untrimmed; a repeated name gives an array. */
  raw: Record<string, string | string[]>;
  /**
   * What Laravel's `$request->query()` holds: PHP parse_str semantics (last value of a repeated
   * name wins, `a[]=` makes arrays, `.`/space in names become `_`), values trimmed, empty values
   * removed (ConvertEmptyStringsToNull then `withQueryString()` drops the nulls). Insertion order
   * is the order of first appearance.
   */
  input: Map<string, InputValue>;
}

export function parseQuery(search: string): ParsedQuery {
  const raw: Record<string, string | string[]> = {};
  const input = new Map<string, InputValue>();
  const params = new URLSearchParams(search.startsWith("?") ? search.slice(1) : search);
  for (const [name, value] of params) {
    const prev = raw[name];
    if (prev === undefined) raw[name] = value;
    else if (Array.isArray(prev)) prev.push(value);
    else raw[name] = [prev, value];

    const bracket = name.indexOf("[");
    const base = (bracket > 0 ? name.slice(0, bracket) : name).replace(/[. ]/g, "_");
    if (base === "") continue;
    const v = value.trim();
    if (bracket > 0) {
      const cur = input.get(base);
      const arr = Array.isArray(cur) ? cur : [];
      arr.push(v);
      input.set(base, arr);
    } else if (v === "") {
      input.delete(base);
    } else {
      input.set(base, v);
    }
  }
  return { raw, input };
}

/** PHP rawurlencode (RFC 3986), as Laravel's Arr::query uses. */
export function rawUrlEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
}

/** Laravel's Arr::query (http_build_query with PHP_QUERY_RFC3986). */
export function buildQuery(entries: Iterable<readonly [string, InputValue]>): string {
  const parts: string[] = [];
  for (const [k, v] of entries) {
    if (Array.isArray(v)) v.forEach((x, i) => parts.push(`${rawUrlEncode(`${k}[${i}]`)}=${rawUrlEncode(x)}`));
    else parts.push(`${rawUrlEncode(k)}=${rawUrlEncode(v)}`);
  }
  return parts.join("&");
}

// ---------------------------------------------------------------------------------------------
// Validation

export type Errors = Record<string, string[]>;

const attr = (field: string) => field.replace(/_/g, " ");

/** PHP filter_var(FILTER_VALIDATE_INT) on a (trimmed) string. */
export function isPhpInt(v: string): boolean {
  if (!/^[+-]?(0|[1-9][0-9]*)$/.test(v)) return false;
  const digits = v.replace(/^[+-]/, "");
  if (digits.length < 19) return true;
  if (digits.length > 19) return false;
  return v.startsWith("-") ? digits <= "9223372036854775808" : digits <= "9223372036854775807";
}

/** PHP is_numeric. */
function isPhpNumeric(v: string): boolean {
  return /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(v);
}

export class Validator {
  readonly errors: Errors = {};

  constructor(private readonly input: Map<string, InputValue>) {}

  private add(field: string, message: string) {
    (this.errors[field] ??= []).push(message);
  }

  has(field: string): boolean {
    return this.input.has(field);
  }

  get(field: string): InputValue | undefined {
    return this.input.get(field);
  }

  failed(field: string): boolean {
    return field in this.errors;
  }

  /** nullable|string|in:... */
  in(field: string, allowed: readonly string[], opts: { string?: boolean } = {}): void {
    const v = this.input.get(field);
    if (v === undefined) return;
    if (Array.isArray(v)) {
      if (opts.string) this.add(field, `The ${attr(field)} field must be a string.`);
      this.add(field, `The selected ${attr(field)} is invalid.`);
      return;
    }
    if (!allowed.includes(v)) this.add(field, `The selected ${attr(field)} is invalid.`);
  }

  /** nullable|string */
  string(field: string): void {
    const v = this.input.get(field);
    if (v !== undefined && Array.isArray(v)) this.add(field, `The ${attr(field)} field must be a string.`);
  }

  /** nullable|integer, plus optional between:min,max or min:min (Laravel size semantics). */
  integer(field: string, range: { min?: number; max?: number } = {}): void {
    const v = this.input.get(field);
    if (v === undefined) return;
    const isInt = !Array.isArray(v) && isPhpInt(v);
    if (!isInt) this.add(field, `The ${attr(field)} field must be an integer.`);
    const { min, max } = range;
    if (min === undefined && max === undefined) return;
    // Laravel measures size as the number for numeric values, else count/length.
    const numeric = !Array.isArray(v) && isPhpNumeric(v);
    const size = Array.isArray(v) ? v.length : numeric ? Number(v) : [...v].length;
    const unit = Array.isArray(v) ? " items" : numeric ? "" : " characters";
    const tooSmall = min !== undefined && size < min;
    const tooBig = max !== undefined && size > max;
    if (!tooSmall && !tooBig) return;
    if (min !== undefined && max !== undefined) {
      this.add(field, Array.isArray(v) ? `The ${attr(field)} field must have between ${min} and ${max} items.` : `The ${attr(field)} field must be between ${min} and ${max}${unit}.`);
    } else if (min !== undefined) {
      this.add(field, Array.isArray(v) ? `The ${attr(field)} field must have at least ${min} items.` : `The ${attr(field)} field must be at least ${min}${unit}.`);
    } else {
      this.add(field, Array.isArray(v) ? `The ${attr(field)} field must not have more than ${max} items.` : `The ${attr(field)} field must not be greater than ${max}${unit}.`);
    }
  }

  /** nullable|date_format:Y-m-d */
  dateYmd(field: string): void {
    const v = this.input.get(field);
    if (v === undefined) return;
    if (Array.isArray(v) || !isCalendarDate(v)) this.add(field, `The ${attr(field)} field must match the format Y-m-d.`);
  }

  /** after_or_equal:other (checked only when both dates are valid). */
  afterOrEqual(field: string, other: string): void {
    const a = this.input.get(field);
    const b = this.input.get(other);
    if (typeof a !== "string" || typeof b !== "string") return;
    if (this.failed(field) || this.failed(other)) return;
    if (a < b) this.add(field, `The ${attr(field)} field must be a date after or equal to ${attr(other)}.`);
  }

  get ok(): boolean {
    return Object.keys(this.errors).length === 0;
  }

  /** Laravel's ValidationException body: first message plus "(and N more error(s))". */
  body(): { message: string; errors: Errors } {
    const all = Object.values(this.errors).flat();
    let message = all[0] ?? "The given data was invalid.";
    const more = all.length - 1;
    if (more > 0) message += ` (and ${more} more ${more === 1 ? "error" : "errors"})`;
    return { message, errors: this.errors };
  }

  int(field: string, fallback: number): number {
    const v = this.input.get(field);
    return typeof v === "string" ? Number(v) : fallback;
  }

  str(field: string): string | undefined {
    const v = this.input.get(field);
    return typeof v === "string" ? v : undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// LengthAwarePaginator

export interface PaginatorArgs {
  /** Absolute URL of the endpoint without query, e.g. http://127.0.0.1:4010/api/user/calls */
  path: string;
  /** The cleaned request query (withQueryString); `page` is replaced in place or appended. */
  query: Map<string, InputValue>;
  page: number;
  perPage: number;
  total: number;
  /** The page's items, each already serialized as JSON (UTF-8). */
  items: readonly Buffer[];
}

export interface PaginatorLink {
  url: string | null;
  label: string;
  active: boolean;
}

/** The paginator's `links` and URLs exactly as Laravel computes them (UrlWindow, onEachSide = 3). */
export function paginatorMeta(args: Omit<PaginatorArgs, "items"> & { count: number }) {
  const { path, query, page, perPage, total, count } = args;
  const lastPage = Math.max(Math.ceil(total / perPage), 1);
  const url = (p: number) => {
    const q = new Map(query);
    q.set("page", String(p));
    return `${path}${path.includes("?") ? "&" : "?"}${buildQuery(q)}`;
  };
  const range = (a: number, b: number) => {
    const out: PaginatorLink[] = [];
    for (let p = a; p <= b; p++) out.push({ url: url(p), label: String(p), active: p === page });
    return out;
  };
  const onEachSide = 3;
  const dots: PaginatorLink = { url: null, label: "...", active: false };
  let elements: PaginatorLink[];
  if (lastPage < onEachSide * 2 + 8) {
    elements = range(1, lastPage);
  } else {
    const window = onEachSide + 4;
    if (page <= window) {
      elements = [...range(1, window + onEachSide), dots, ...range(lastPage - 1, lastPage)];
    } else if (page > lastPage - window) {
      elements = [...range(1, 2), dots, ...range(lastPage - (window + (onEachSide - 1)), lastPage)];
    } else {
      elements = [...range(1, 2), dots, ...range(page - onEachSide, page + onEachSide), dots, ...range(lastPage - 1, lastPage)];
    }
  }
  const prev = page > 1 ? url(page - 1) : null;
  const next = page < lastPage ? url(page + 1) : null;
  const from = count > 0 ? (page - 1) * perPage + 1 : null;
  return {
    current_page: page,
    first_page_url: url(1),
    from,
    last_page: lastPage,
    last_page_url: url(lastPage),
    links: [{ url: prev, label: "« Previous", active: false }, ...elements, { url: next, label: "Next »", active: false }],
    next_page_url: next,
    path,
    per_page: perPage,
    prev_page_url: prev,
    to: from === null ? null : from + count - 1,
    total,
  };
}

const COMMA = Buffer.from(",");

/**
 * Serializes a LengthAwarePaginator in Laravel's key order, splicing in pre-serialized items
 * (a Buffer concat is a memcpy; joining large non-ASCII strings is much slower).
 */
export function paginatorBody(args: PaginatorArgs): Buffer {
  const m = paginatorMeta({ ...args, count: args.items.length });
  const rest = JSON.stringify({
    first_page_url: m.first_page_url,
    from: m.from,
    last_page: m.last_page,
    last_page_url: m.last_page_url,
    links: m.links,
    next_page_url: m.next_page_url,
    path: m.path,
    per_page: m.per_page,
    prev_page_url: m.prev_page_url,
    to: m.to,
    total: m.total,
  });
  const parts: Buffer[] = [Buffer.from(`{"current_page":${m.current_page},"data":[`)];
  args.items.forEach((b, i) => {
    if (i > 0) parts.push(COMMA);
    parts.push(b);
  });
  parts.push(Buffer.from(`],${rest.slice(1)}`));
  return Buffer.concat(parts);
}
