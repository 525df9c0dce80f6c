/** The banner's theme control: follow the system, light, or dark (kept in localStorage by ./theme.ts). */
import { useState } from 'react';
import { applyTheme, storedTheme, type ThemeChoice } from './theme.js';

export function ThemeSwitch() {
  const [choice, setChoice] = useState<ThemeChoice>(storedTheme);
  return (
    <div className="theme-switch">
      <label htmlFor="theme-select" className="sr-only">
        Colour theme
      </label>
      <span aria-hidden="true">◐</span>
      <select
        id="theme-select"
        value={choice}
        onChange={(e) => {
          const v = e.target.value as ThemeChoice;
          setChoice(v);
          applyTheme(v);
        }}
      >
        <option value="system">System</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </div>
  );
}
