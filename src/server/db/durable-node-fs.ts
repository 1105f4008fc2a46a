import { closeSync, fdatasyncSync, fsyncSync, openSync } from 'node:fs'
import type { PGlite } from '@electric-sql/pglite'
import { NodeFS } from '@electric-sql/pglite/nodefs'

/**
 * PGlite's NodeFS with working fsync. PostgreSQL inside PGlite calls fsync/fdatasync where it
 * must (the WAL at each commit, data files at a checkpoint, directories after creating files),
 * but Emscripten's NODEFS drops those calls: `fdatasync` is a no-op that never reaches the
 * stream, and NODEFS streams have no `fsync`. A commit then lives only in the page cache and a
 * power cut or VM stop can lose an answer the server already called accepted.
 *
 * This file system hands both calls to the real file (or directory) in DATA_DIR, so a COMMIT
 * returns only after its WAL is on stable storage, exactly as on a PostgreSQL server. The cost
 * is one flush per transaction that wrote something, so group commit keeps it per batch.
 */
export class DurableNodeFS extends NodeFS {
  override async init(pg: PGlite, opts: Parameters<NodeFS['init']>[1]): ReturnType<NodeFS['init']> {
    const { emscriptenOpts } = await super.init(pg, opts)
    let module: EmscriptenModuleWithFs | undefined
    const flush = (fd: number, kind: 'data' | 'full'): number => {
      if (!module) return 0
      try {
        flushStream(module, fd, kind)
        return 0
      } catch (error) {
        if (error instanceof module.FS.ErrnoError) return error.errno
        throw error
      }
    }
    const options = emscriptenOpts as unknown as EmscriptenOptions
    const instantiateWasm = options.instantiateWasm
    const preRun = options.preRun ?? []
    const durable: EmscriptenOptions = {
      ...options,
      // The wasm module imports `__syscall_fdatasync` by name: replace the no-op before it is
      // bound. It answers 0 or a negative errno, like the syscall.
      instantiateWasm: (imports, done) => {
        imports.env.__syscall_fdatasync = (fd: number) => -flush(fd, 'data')
        return instantiateWasm(imports, done)
      },
      preRun: [
        ...preRun,
        (mod: EmscriptenModuleWithFs) => {
          module = mod
          // fsync() arrives as WASI fd_sync, which calls the stream's fsync when it has one and
          // answers a positive errno when it throws.
          mod.FS.filesystems.NODEFS.stream_ops.fsync = (stream: EmscriptenStream) => {
            const errno = flush(stream.fd, 'full')
            if (errno !== 0) throw new mod.FS.ErrnoError(errno)
            return 0
          }
        },
      ],
    }
    return { emscriptenOpts: durable as unknown as typeof emscriptenOpts }
  }
}

/** Flushes the real file or directory behind an Emscripten descriptor; memory-only files need nothing. */
function flushStream(module: EmscriptenModuleWithFs, fd: number, kind: 'data' | 'full'): void {
  const { FS } = module
  const NODEFS = FS.filesystems.NODEFS
  const stream = FS.getStream(fd)
  if (!stream) throw new FS.ErrnoError(EBADF)
  if (stream.node.node_ops !== NODEFS.node_ops) return
  NODEFS.tryFSOperation(() => {
    if (stream.nfd !== undefined) {
      if (kind === 'data') fdatasyncSync(stream.nfd)
      else fsyncSync(stream.nfd)
      return
    }
    // NODEFS opens no host descriptor for a directory; PostgreSQL fsyncs directories so that a
    // newly created or renamed file survives a crash.
    const dir = openSync(NODEFS.realPath(stream.node), 'r')
    try {
      fsyncSync(dir)
    } finally {
      closeSync(dir)
    }
  })
}

/** Emscripten's errno for a bad descriptor. */
const EBADF = 8

// The few Emscripten internals used above; PGlite's types do not describe them.
interface EmscriptenStream {
  fd: number
  nfd?: number
  node: { node_ops: unknown }
}
interface EmscriptenFs {
  ErrnoError: new (errno: number) => Error & { errno: number }
  getStream(fd: number): EmscriptenStream | undefined
  filesystems: {
    NODEFS: {
      node_ops: unknown
      stream_ops: { fsync?: (stream: EmscriptenStream) => number }
      realPath(node: EmscriptenStream['node']): string
      tryFSOperation<T>(operation: () => T): T
    }
  }
}
interface EmscriptenModuleWithFs {
  FS: EmscriptenFs
}
interface EmscriptenOptions {
  instantiateWasm: (imports: { env: Record<string, unknown> }, done: (...args: unknown[]) => void) => unknown
  preRun?: Array<(mod: EmscriptenModuleWithFs) => void>
  [key: string]: unknown
}
