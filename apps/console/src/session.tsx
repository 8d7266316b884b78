import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { createApi, type Api, type Me, type Role } from './api/client';

export interface Session {
  token: string;
  me: Me;
}

interface SessionContextValue {
  session: Session | null;
  api: Api;
  /** Keeps the token (in memory only) once the API says whose it is. */
  signIn(token: string): Promise<void>;
  signOut(): void;
  has(...roles: Role[]): boolean;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/**
 * The signed-in session lives in this component's memory, never in localStorage or a cookie: a reload or a closed
 * tab ends it, and no script running later can read a token from storage.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  const token = useRef<string | null>(null);
  const signOut = useCallback(() => {
    token.current = null;
    setSession(null);
  }, []);
  const api = useMemo(() => createApi(() => token.current, signOut), [signOut]);
  const signIn = useCallback(
    async (accessToken: string) => {
      token.current = accessToken;
      const { data, response } = await api.GET('/auth/me');
      if (!data) {
        token.current = null;
        throw new Error(`the API did not accept the token (${response.status})`);
      }
      setSession({ token: accessToken, me: data });
    },
    [api],
  );
  const value = useMemo<SessionContextValue>(
    () => ({
      session,
      api,
      signIn,
      signOut,
      has: (...roles) => Boolean(session?.me.roles.some((role) => roles.includes(role))),
    }),
    [session, api, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** For pages behind sign-in: the session is there. */
export function useSignedIn(): SessionContextValue & { session: Session } {
  const value = useSession();
  if (!value.session) throw new Error('useSignedIn without a session');
  return value as SessionContextValue & { session: Session };
}
