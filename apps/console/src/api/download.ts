import { useSignedIn } from '../session';
import { refusalOf, type ApiRefusal } from './client';

/**
 * Saves a file the API serves behind sign-in. A plain link would go without the token (it lives in the page's
 * memory only), so the file is fetched with it and handed to the browser as a Blob object URL.
 */
export function useDownload(): (path: string) => Promise<ApiRefusal | null> {
  const { session, signOut } = useSignedIn();
  return async (path) => {
    const response = await fetch(path, { headers: { authorization: `Bearer ${session.token}` } });
    if (response.status === 401) signOut(); // as the API client does: the session has ended
    if (!response.ok) return refusalOf(response.status, await response.json().catch(() => undefined));
    const disposition = response.headers.get('content-disposition') ?? '';
    const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'avrr.csv';
    const url = URL.createObjectURL(await response.blob());
    Object.assign(document.createElement('a'), { href: url, download: name }).click();
    setTimeout(() => URL.revokeObjectURL(url)); // once the browser has taken the file
    return null;
  };
}
