import type { DataCallback, Disposable, Message, MessageReader } from 'vscode-languageserver/node';

/**
 * `reader`, with `onMessage` told of every message it delivers, before the listener has it (the
 * trace and the arrivals note messages this way). Everything else is the reader's own.
 */
export function tapReader(reader: MessageReader, onMessage: (message: Message) => void): MessageReader {
  return Object.assign(Object.create(reader) as MessageReader, {
    listen(callback: DataCallback): Disposable {
      return reader.listen((message) => {
        onMessage(message);
        callback(message);
      });
    },
  });
}
