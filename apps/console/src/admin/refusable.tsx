import { useState, type ReactNode } from 'react';
import { refusalOf } from '../api/client';
import { Refusals } from '../forms/DataForm';

/**
 * A table's action (disable a user, remove a partner) and what the API said when it refused it, shown above the
 * table; then the table is read again.
 */
export function useRefusable(
  read: () => void,
): [ReactNode, (call: Promise<{ error?: unknown; response: Response }>) => void] {
  const [messages, setMessages] = useState<string[]>([]);
  const act = (call: Promise<{ error?: unknown; response: Response }>) =>
    void call.then(({ error, response }) => {
      setMessages(error ? refusalOf(response.status, error).messages : []);
      read();
    });
  return [<Refusals messages={messages} />, act];
}
