/**
 * Replacing a file so that a crash or a power cut at any moment leaves either the previous content or
 * the new one, never a mixture: {@link com.lianarig.config.store.AtomicFiles} over the few
 * file operations of {@link com.lianarig.config.store.FileOps}, which a test replaces with a disk
 * that can fail at any step and then lose everything not yet forced to storage.
 */
package com.lianarig.config.store;
