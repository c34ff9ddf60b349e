"use client";

// Menus and dialogs without their Radix code in a page's first-load JavaScript: only the trigger
// renders until first opened. How: docs/design-notes.md.
import * as React from "react";
import { Slot } from "radix-ui";

type Popup = "menu" | "dialog";
// The family's modules export React components of many prop shapes; the typed facades (./dialog,
// ./dropdown-menu, ...) give each part its real props.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Props = Record<string, any> & { children?: React.ReactNode };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ComponentModule = Record<string, React.ComponentType<any>>;

type RootState = {
  impl: ComponentModule | null;
  activate: (via: "pointer" | "keyboard") => void;
  openedByKeyboard: boolean;
};

const idleCallbacks: (() => void)[] = [];
let idleScheduled = false;
/** Runs `fn` when the page is next idle (callers at the same time share one idle callback). */
export function whenIdle(fn: () => void) {
  idleCallbacks.push(fn);
  if (idleScheduled || typeof window === "undefined") return;
  idleScheduled = true;
  const run = () => {
    // Later callers (a menu mounted after a client-side navigation) schedule the next idle period.
    idleScheduled = false;
    idleCallbacks.splice(0).forEach((f) => f());
  };
  if (window.requestIdleCallback) window.requestIdleCallback(run, { timeout: 4000 });
  else window.setTimeout(run, 2000);
}

function compose<E>(theirs: unknown, ours: (event: E) => void) {
  return (event: E) => {
    if (typeof theirs === "function") theirs(event);
    if (!(event as { defaultPrevented?: boolean }).defaultPrevented) ours(event);
  };
}

export function lazyOverlay<M extends ComponentModule>(opts: { load: () => Promise<M>; popup: Popup; root: keyof M & string; trigger: keyof M & string; content: keyof M & string }) {
  let loaded: M | null = null;
  let loading: Promise<M> | null = null;
  const preload = () => (loading ??= opts.load().then((m) => (loaded = m)));
  const Ctx = React.createContext<RootState>({ impl: null, activate: () => {}, openedByKeyboard: false });

  function Root(props: Props & { open?: boolean; defaultOpen?: boolean; onOpenChange?: (open: boolean) => void }) {
    const [impl, setImpl] = React.useState<M | null>(null);
    const [activated, setActivated] = React.useState<false | "pointer" | "keyboard">(false);
    const controlled = props.open !== undefined;
    const wantsOpen = controlled ? props.open === true : props.defaultOpen === true || activated !== false;

    React.useEffect(() => whenIdle(() => void preload()), []);
    React.useEffect(() => {
      if (!wantsOpen || impl) return;
      let live = true;
      void preload().then((m) => live && setImpl(() => m));
      return () => {
        live = false;
      };
    }, [wantsOpen, impl]);

    const { onOpenChange } = props;
    const activate = React.useCallback(
      (via: "pointer" | "keyboard") => {
        setActivated(via);
        if (loaded) setImpl(() => loaded);
        if (controlled) onOpenChange?.(true);
      },
      [controlled, onOpenChange],
    );
    const state = React.useMemo(() => ({ impl, activate, openedByKeyboard: activated === "keyboard" }), [impl, activate, activated]);

    let body = props.children;
    if (impl) {
      const Real: React.ComponentType<Props> = impl[opts.root];
      const rest: Props = { ...props };
      if (!controlled && activated) rest.defaultOpen = true;
      body = <Real {...rest} />;
    }
    return <Ctx.Provider value={state}>{body}</Ctx.Provider>;
  }

  function Trigger(props: Props & { asChild?: boolean }) {
    const { impl, activate } = React.useContext(Ctx);
    if (impl) {
      const Real = impl[opts.trigger];
      return <Real {...props} />;
    }
    const { asChild, children, onPointerDown, onKeyDown, onClick, onPointerEnter, onFocus, ...rest } = props;
    const Comp: React.ElementType = asChild ? Slot.Root : "button";
    const disabled = rest.disabled === true;
    const handlers =
      opts.popup === "menu"
        ? {
            onPointerDown: compose<React.PointerEvent>(onPointerDown, (e) => {
              if (disabled || e.button !== 0 || e.ctrlKey) return;
              e.preventDefault();
              activate("pointer");
            }),
            onKeyDown: compose<React.KeyboardEvent>(onKeyDown, (e) => {
              if (disabled || !["Enter", " ", "ArrowDown"].includes(e.key)) return;
              e.preventDefault();
              activate("keyboard");
            }),
            onClick,
          }
        : {
            onPointerDown,
            onKeyDown,
            onClick: compose<React.MouseEvent>(onClick, () => {
              if (!disabled) activate("pointer");
            }),
          };
    return (
      <Comp
        {...(asChild ? {} : { type: "button" })}
        aria-haspopup={opts.popup}
        aria-expanded={false}
        data-state="closed"
        {...rest}
        {...handlers}
        onPointerEnter={compose(onPointerEnter, () => void preload())}
        onFocus={compose(onFocus, () => void preload())}
      >
        {children}
      </Comp>
    );
  }

  function Content(props: Props & { onOpenAutoFocus?: (e: Event) => void }) {
    const { impl, openedByKeyboard } = React.useContext(Ctx);
    if (!impl) return null;
    const Real = impl[opts.content];
    if (opts.popup !== "menu" || !openedByKeyboard) return <Real {...props} />;
    // A menu opened from the keyboard focuses its first item (Radix does this only for roots that
    // were already mounted when the key went down).
    const onOpenAutoFocus = (event: Event) => {
      props.onOpenAutoFocus?.(event);
      const content = event.currentTarget as HTMLElement | null;
      requestAnimationFrame(() => content?.querySelector<HTMLElement>('[role^="menuitem"]:not([data-disabled])')?.focus());
    };
    return <Real {...props} onOpenAutoFocus={onOpenAutoFocus} />;
  }

  /** Any other part: rendered only inside an opened root (until then there is nothing to show). */
  function part(name: keyof M & string) {
    function Part(props: Props) {
      const { impl } = React.useContext(Ctx);
      if (!impl) return null;
      const Real = impl[name];
      return <Real {...props} />;
    }
    Part.displayName = `Lazy(${name})`;
    return Part;
  }

  return { Root, Trigger, Content, part, preload };
}
