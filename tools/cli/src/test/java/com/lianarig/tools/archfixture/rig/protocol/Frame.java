package com.lianarig.tools.archfixture.rig.protocol;

import java.util.List;

/** Allowed: the JDK only. */
public record Frame(List<Byte> bytes) {
}
