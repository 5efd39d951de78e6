/**
 * Audit side of the engine: {@link org.imageguard.engine.inspect.ProtectionInspector} turns an image's raw metadata
 * records into a {@link org.imageguard.engine.inspect.ProtectionReport} (DataMining code, rights, privacy findings)
 * for the {@code inspect} command.
 */
package org.imageguard.engine.inspect;
