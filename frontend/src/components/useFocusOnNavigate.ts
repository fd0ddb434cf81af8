import { useEffect, useRef } from "react";
import { useLocation } from "react-router";
import { MAIN_ID } from "./SkipLink";

/**
 * After a client-side navigation (not on first load), moves the focus to the
 * new page's main heading so that screen reader and keyboard users start
 * from the page's top.
 */
export function useFocusOnNavigate(): void {
  const { pathname } = useLocation();
  const previous = useRef(pathname);

  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    const main = document.getElementById(MAIN_ID);
    const heading = main?.querySelector<HTMLElement>("h1");
    const target = heading ?? main;
    if (!target) return;
    if (target === heading && !heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: false });
  }, [pathname]);
}
