package com.lianarig.tools.panel;

import java.nio.charset.StandardCharsets;

/** Contract payloads (docs/mqtt.md) for the panel's tests, as bytes. */
final class Messages {
    static final String ROOT = "liana/v1/test-studio/rig-1";

    private Messages() {
    }

    static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] status(long session) {
        return bytes("{\"status\":\"online\",\"session\":" + session + ",\"simulated\":true,\"software\":\"0.1.0\",\"clockMs\":812}");
    }

    static byte[] state(long session, long seq, long clockMs) {
        return bytes("{\"session\":" + session + ",\"seq\":" + seq + ",\"clockMs\":" + clockMs
                + ",\"mode\":\"READY\",\"modeReason\":\"client strapped in\",\"simulated\":true,"
                + "\"controlOwner\":\"trainer-tablet\",\"client\":{\"id\":\"c-0042\",\"massKg\":70.0},"
                + "\"aim\":{\"segment\":\"L4-L5\",\"heightMm\":1750.0},\"liveSegment\":\"L4-L5\",\"faults\":[],"
                + "\"program\":{\"phase\":\"holding\",\"repetition\":1,\"repetitions\":3,\"holdS\":3.0,\"holdElapsedS\":1.2},"
                + "\"invertedS\":12.5,\"invertedAlarm\":false,\"enableLive\":false,\"preUseCheck\":\"done today\"}");
    }

    static byte[] telemetry(long session, long seq, long clockMs, double leftShare) {
        return bytes("{\"session\":" + session + ",\"seq\":" + seq + ",\"clockMs\":" + clockMs + ",\"sampleAgeMs\":3.1,"
                + "\"ropes\":[{\"id\":\"left-leg\",\"loadKg\":" + leftShare * 150 + ",\"limitKg\":150.0,\"shareOfLimit\":"
                + leftShare + ",\"band\":\"green\"}],"
                + "\"winches\":[{\"id\":\"left-leg-winch\",\"positionMm\":812.3,\"speedMmPerS\":0.0}],"
                + "\"liveShare\":0.51,\"invertedS\":12.5,\"holdElapsedS\":1.2}");
    }
}
