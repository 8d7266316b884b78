import { useState, type ReactNode } from 'react';
import { refusalOf } from '../api/client';

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
  const shown = messages.map((message) => (
    <p key={message} className="refusal" role="alert">
      {message}
    </p>
  ));
  return [shown, act];
}
