/**
 * Sign-in form of a team server (issue 7): `POST /api/session {username, password}` sets the session
 * cookie and the CSRF cookie the client echoes on every change (see api.ts). Errors sit next to the
 * field they concern; what was typed in the user name stays.
 */
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { api, ApiError, type SessionInfo } from './api.js';
import { Field, type FieldErrors } from './ui.js';

const focusField = (name: string) => setTimeout(() => (document.querySelector(`.signin-form [name="${name}"]`) as HTMLElement | null)?.focus(), 0);

/** The sign-in form; `onSignedIn` receives the new session, `reason` replaces the introduction (e.g. after a sign-out). */
export function SignIn({ onSignedIn, reason }: { onSignedIn: (s: SessionInfo) => void; reason?: string }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const headRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    headRef.current?.focus();
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const missing: FieldErrors = {};
    if (!username.trim()) missing.username = 'Enter your user name.';
    if (!password) missing.password = 'Enter your password.';
    setErrors(missing);
    setMessage(null);
    if (Object.keys(missing).length) {
      focusField(Object.keys(missing)[0]!);
      return;
    }
    setBusy(true);
    try {
      const s = await api.signIn(username.trim(), password);
      setPassword('');
      onSignedIn(s);
    } catch (err) {
      const msg = err instanceof ApiError ? err.message : String(err);
      if (err instanceof ApiError && err.status === 401) {
        setErrors({ password: 'The user name or password is not right.' });
        setPassword('');
        focusField('password');
      } else if (err instanceof ApiError && err.field && (err.field === 'username' || err.field === 'password')) {
        setErrors({ [err.field]: msg });
      } else setMessage(msg);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="signin-h" className="view signin">
      <h1 id="signin-h" tabIndex={-1} ref={headRef}>
        Sign in
      </h1>
      <p className="muted">{reason ?? 'This Accord server is shared by a team: sign in to see the processes you are a member of.'}</p>
      <form className="edit-form signin-form" onSubmit={submit} noValidate aria-describedby={message ? 'signin-msg' : undefined}>
        <Field label="User name" name="username" errors={errors}>
          {(a) => (
            <input {...a} type="text" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} dir="auto" />
          )}
        </Field>
        <Field label="Password" name="password" errors={errors}>
          {(a) => <input {...a} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />}
        </Field>
        {message && (
          <p role="alert" className="alert" id="signin-msg">
            {message}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </div>
      </form>
    </section>
  );
}
