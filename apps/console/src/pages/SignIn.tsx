import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { refusalOf } from '../api/client';
import { LanguagePicker } from '../LanguagePicker';
import { finishProviderSignIn, startProviderSignIn } from '../pkce';
import { useSession } from '../session';

export function SignIn() {
  const { t } = useTranslation();
  const { api, signIn } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [provider, setProvider] = useState<{ issuer: string; clientId: string } | null>(null);

  useEffect(() => {
    void api.GET('/auth/sign-in-options').then(({ data }) => setProvider(data?.identityProvider ?? null));
  }, [api]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    // Both are needed: said here in the page's language, before the API's words for it.
    if (!username.trim() || !password) return setError(t('signIn.bothRequired'));
    setError('');
    const { data, error: refused, response } = await api.POST('/auth/login', { body: { username, password } });
    if (data) await signIn(data.accessToken).catch((e: Error) => setError(e.message));
    else setError(refusalOf(response.status, refused).messages.join('; ') || t('signIn.failed'));
  }

  return (
    <main className="sign-in">
      <LanguagePicker />
      <h1>{t('signIn.title')}</h1>
      <form onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor="username">{t('signIn.username')}</label>
          <input id="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="password">{t('signIn.password')}</label>
          <input
            id="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        {error && (
          <p className="refusal" role="alert">
            {error}
          </p>
        )}
        <button type="submit">{t('signIn.submit')}</button>
      </form>
      {provider && (
        <button type="button" onClick={() => void startProviderSignIn(provider.issuer, provider.clientId)}>
          {t('signIn.provider')}
        </button>
      )}
    </main>
  );
}

export function SignInCallback() {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const [error, setError] = useState('');
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return; // the code is good for one exchange only
    started.current = true;
    finishProviderSignIn(search)
      .then((token) => signIn(token))
      .then(() => navigate('/', { replace: true }))
      .catch((e: Error) => setError(e.message));
  }, [search, signIn, navigate]);

  return (
    <main className="sign-in">
      <h1>{t('signIn.title')}</h1>
      <p role={error ? 'alert' : 'status'}>{error || t('signIn.finishing')}</p>
    </main>
  );
}
