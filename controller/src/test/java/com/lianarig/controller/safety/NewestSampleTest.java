package com.lianarig.controller.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.lianarig.controller.RigHarness;
import com.lianarig.protocol.ChannelStatus;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Telemetry's sample age (P-6) keeps growing when the link is lost: the newest sample's time is never forgotten. */
class NewestSampleTest {
    @TempDir
    Path dir;

    @Test
    void theNewestSamplesTimeOutlivesALostLink() throws Exception {
        try (RigHarness h = RigHarness.standard(3, dir)) {
            long now = 1_000 * RigHarness.MS;
            SafetySupervisor s = FakeDrives.followingLegs(h.model, new FakeDrives(), 300, now);
            assertEquals(Long.MIN_VALUE, s.view().newestSampleNanos(), "no sample yet");
            s.onSample(0, 100_000, ChannelStatus.OK, now + 5 * RigHarness.MS);
            s.onSample(1, 100_000, ChannelStatus.OK, now + 3 * RigHarness.MS); // an older one does not win
            assertEquals(now + 5 * RigHarness.MS, s.view().newestSampleNanos());
            for (int address : h.model.nodeAddresses()) {
                s.onLink(address, false, "cable pulled", now + 50 * RigHarness.MS);
            }
            assertEquals(now + 5 * RigHarness.MS, s.view().newestSampleNanos(), "still the last sample's time");
        }
    }
}
