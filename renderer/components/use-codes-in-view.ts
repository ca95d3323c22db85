/**
 * Keeps the shown TOTP codes current while the window is visible (issue 13): asks for the due
 * codes now and again just after the earliest shown code's step ends; drops every code when the
 * window is hidden (document.visibilityState), and asks again when it shows.
 */
import { useEffect, useState } from 'react';
import { forgetCodes, isAutoShown, nextStepMs, refreshCodes } from '../codes';
import { useKeyslotStore } from '../store';

const isVisibleNow = () => typeof document === 'undefined' || document.visibilityState !== 'hidden';

export function useCodesInView(): void {
  const token = useKeyslotStore((s) => s.token);
  const slots = useKeyslotStore((s) => s.slots);
  const codes = useKeyslotStore((s) => s.codes);
  const isAuto = isAutoShown(token);
  const [isVisible, setVisible] = useState(isVisibleNow);
  useEffect(() => {
    const onChange = () => {
      const visible = isVisibleNow();
      if (!visible) forgetCodes();
      setVisible(visible);
    };
    document.addEventListener('visibilitychange', onChange);
    return () => document.removeEventListener('visibilitychange', onChange);
  }, []);
  // Codes that came by themselves go when the token starts to need the PIN for them (or goes).
  useEffect(() => {
    if (!isAuto) forgetCodes();
  }, [isAuto]);
  useEffect(() => {
    if (!isAuto || !isVisible) return;
    void refreshCodes();
    const next = nextStepMs(codes);
    if (next === null) return;
    // At the step's end the due codes are those whose end has come, even if the timer runs a little early.
    const timer = setTimeout(() => void refreshCodes(Math.max(Date.now(), next)), Math.max(0, next - Date.now()));
    return () => clearTimeout(timer);
  }, [isAuto, isVisible, slots, codes]);
}

/** Ticks once a second while `isActive` (the countdowns). */
export function useNow(isActive: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!isActive) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [isActive]);
  return now;
}
