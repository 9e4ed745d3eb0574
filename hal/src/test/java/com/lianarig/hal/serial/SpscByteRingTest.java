package com.lianarig.hal.serial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class SpscByteRingTest {

    @Test
    void bytesComeOutInOrderAcrossTheWrap() {
        SpscByteRing ring = new SpscByteRing(16);
        byte[] out = new byte[16];
        for (int round = 0; round < 10; round++) {
            byte[] in = {(byte) round, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
            assertTrue(ring.offer(in, 0, in.length));
            assertEquals(11, ring.poll(out, 0, 16));
            assertArrayEquals(in, java.util.Arrays.copyOf(out, 11));
        }
        assertTrue(ring.isEmpty());
    }

    @Test
    void anOfferThatDoesNotFitAddsNothing() {
        SpscByteRing ring = new SpscByteRing(8);
        assertTrue(ring.offer(new byte[6], 0, 6));
        assertFalse(ring.offer(new byte[3], 0, 3), "all or nothing");
        assertEquals(6, ring.size());
        assertEquals(8, ring.capacity());
        assertEquals(16, new SpscByteRing(9).capacity(), "rounded up to a power of two");
    }

    @Test
    void discardUntilDropsWhatWasProducedBeforeAMark() {
        SpscByteRing ring = new SpscByteRing(64);
        ring.offer(new byte[] {1, 2, 3}, 0, 3);
        long mark = ring.producedBytes();
        ring.offer(new byte[] {4, 5}, 0, 2);
        ring.discardUntil(mark);
        byte[] out = new byte[8];
        assertEquals(2, ring.poll(out, 0, 8));
        assertEquals(4, out[0]);
        ring.discardUntil(mark); // a mark already passed changes nothing
        assertTrue(ring.isEmpty());
    }

    @Test
    void aProducerAndAConsumerThreadPassAMegabyteIntact() throws InterruptedException {
        SpscByteRing ring = new SpscByteRing(256);
        int total = 1 << 20;
        byte[] data = new byte[total];
        new SplittableRandom(3).nextBytes(data);
        Thread producer = new Thread(() -> {
            int off = 0;
            SplittableRandom r = new SplittableRandom(4);
            while (off < total) {
                int n = Math.min(total - off, 1 + r.nextInt(100));
                if (ring.offer(data, off, n)) {
                    off += n;
                } else {
                    Thread.onSpinWait();
                }
            }
        });
        producer.start();
        CRC32C got = new CRC32C();
        byte[] chunk = new byte[97];
        int received = 0;
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (received < total && System.nanoTime() < deadline) {
            int n = ring.poll(chunk, 0, chunk.length);
            got.update(chunk, 0, n);
            received += n;
        }
        producer.join();
        CRC32C want = new CRC32C();
        want.update(data);
        assertEquals(total, received);
        assertEquals(want.getValue(), got.getValue());
    }
}
