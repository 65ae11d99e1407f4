/**
 * Reading a lab wire without the stream machinery. The runner gets each lab process's wire as
 * the socket `fork` made for it, and a socket's 'data' path (buffering, flowing state, a tick per
 * read) costs several microseconds per read: about a tenth of a lock's round trip. Every read of
 * a socket reaches the stream through its `push(chunk)`, so taking that over on this one socket
 * hands the bytes straight to the frame reader; the end of the stream still goes through the
 * stream, so 'end' and 'close' come as usual.
 */
import type { Socket } from 'node:net';

/**
 * From now on, `onChunk` gets every chunk `socket` reads. It returns false to stop reading for a
 * while (`readMore` starts again). Returns false, changing nothing, when the socket is not in the
 * state this needs (bytes already buffered, or already ended): then listen for 'data' instead.
 */
export function readRaw(socket: Socket, onChunk: (chunk: Buffer) => boolean): boolean {
  if (socket.readableLength > 0 || socket.readableEnded || typeof socket._read !== 'function')
    return false;
  const push = socket.push.bind(socket);
  socket.push = (chunk: unknown, encoding?: BufferEncoding): boolean => {
    if (chunk === null) return push(null, encoding);
    return onChunk(chunk as Buffer);
  };
  return true;
}

/** Starts reading again after `onChunk` asked to stop. */
export function readMore(socket: Socket): void {
  if (!socket.destroyed && !socket.readableEnded && !socket.connecting) socket._read(64 * 1024);
}
