package com.lianarig.tools;

import java.io.FilterInputStream;
import java.io.InputStream;

/** Standard input handed to a command that closes what it reads: closing it leaves stdin open. */
final class NonClosingInputStream extends FilterInputStream {
    NonClosingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public void close() {
        // stdin belongs to the process
    }
}
