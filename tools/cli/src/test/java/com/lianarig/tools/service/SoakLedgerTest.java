package com.lianarig.tools.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * How the soak counts what the service journals: every fault and every stop the trainer did not ask for is a
 * nuisance trip, printed with whose delay it was; host delays that stopped nothing are counted, not printed; the
 * summary line is R-8's. Events are the journal's records as {@code R/events} carries them.
 */
class SoakLedgerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final SoakLedger ledger = new SoakLedger(new PrintStream(printed, true, StandardCharsets.UTF_8));

    private static JsonNode event(String kind, String body) throws Exception {
        return JSON.readTree("{\"seq\":1,\"kind\":\"" + kind + "\",\"body\":" + body + "}");
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aFaultIsANuisanceTripWithWhoseSilenceItWas() throws Exception {
        ledger.onEvent(event("fault", "{\"rule\":\"SR-9\",\"cause\":\"node 1: link fault LinkFault[kind=NODE_SILENT,"
                + " detail=no valid frame from node 1 for 100 ms]\",\"stop\":\"category 1 stop\",\"resetBy\":\"trainer\"}"));
        assertEquals(1, ledger.faults());
        assertEquals(1, ledger.nuisanceTrips());
        assertTrue(printed().contains("FAULT (nuisance: node or link silent) SR-9 node 1"), printed());
    }

    @Test
    void aHostDelayStopIsTheHostsAndAHostDelayWarningIsCountedNotPrinted() throws Exception {
        ledger.onEvent(event("stop", "{\"rule\":\"SR-8\",\"group\":\"legs\",\"why\":\"host delay: no sample of rope"
                + " left-leg for 40.5 ms (max 31.3), nothing from node 1 either: motion stopped, ask again\"}"));
        ledger.onEvent(event("warning", "{\"rule\":\"SR-8\",\"what\":\"host delay: no sample of rope right-leg for"
                + " 40.5 ms (max 31.3), nothing from node 1 either (holding: nothing stopped)\"}"));
        assertEquals(1, ledger.unexpectedStops());
        assertEquals(1, ledger.nuisanceTrips());
        assertTrue(printed().contains("STOP (nuisance: host delay) SR-8 legs"), printed());
        assertFalse(printed().contains("right-leg"), "a warning that stopped nothing is only counted: " + printed());
        assertTrue(ledger.progress().contains("2 host delays"), ledger.progress());
    }

    @Test
    void aStopTheTrainerAskedForIsNoNuisanceButTheRigsOwnStopInTheSameWindowIs() throws Exception {
        ledger.expectStop();
        ledger.onEvent(event("stop", "{\"why\":\"STOP from trainer-tablet\"}"));
        ledger.onEvent(event("stop", "{\"rule\":\"SR-8\",\"group\":\"legs\",\"why\":\"host delay: no sample\"}"));
        assertEquals(1, ledger.unexpectedStops());
        assertTrue(printed().contains("stop (asked)"), printed());
    }

    @Test
    void aStopNobodyAskedForIsANuisance() throws Exception {
        ledger.onEvent(event("stop", "{\"rule\":\"SR-10\",\"group\":\"legs\",\"why\":\"the enable lapsed (not refreshed"
                + " for 250 ms): the motion ends with a controlled stop\"}"));
        assertEquals(1, ledger.unexpectedStops());
        assertTrue(printed().contains("STOP (nuisance: the rig's judgement) SR-10"), printed());
    }

    @Test
    void aLostLinkTellsTheTrainerTheTechnicianMustReferenceOnce() throws Exception {
        assertFalse(ledger.takeReferencesLost());
        ledger.onEvent(event("warning", "{\"rule\":\"SR-23\",\"what\":\"position of winch left-leg-winch no longer"
                + " trusted (link to node 1 lost): brakes stay applied\"}"));
        assertTrue(ledger.takeReferencesLost());
        assertFalse(ledger.takeReferencesLost(), "said once");
    }

    @Test
    void lateStepsNodeShutdownsAndNodeStopsAreCounted() throws Exception {
        ledger.onEvent(event("late-step", "{\"lateMs\":66.5}"));
        ledger.onEvent(event("node", "{\"address\":1,\"state\":\"SHUTDOWN\"}"));
        ledger.onEvent(event("node", "{\"address\":1,\"state\":\"RUNNING\"}"));
        ledger.nodeStops(3);
        assertEquals(1, ledger.lateSteps());
        assertEquals(1, ledger.nodeShutdowns());
        assertEquals(3, ledger.nuisanceTrips());
        assertEquals("nuisance trips: 3 in 0.50 h = 6.0 per hour (0 faults, 0 unexpected stops, 3 node stops); load"
                + " average 2.00 2.10 2.20", ledger.nuisanceRate(0.5, "2.00 2.10 2.20"));
    }

    @Test
    void theLastLineIsR8s() throws Exception {
        ledger.sessionDone();
        ledger.sessionDone();
        ledger.onEvent(event("fault", "{\"rule\":\"SR-8\",\"cause\":\"rope left-leg: samples 40 ms apart on the"
                + " node's clock\",\"stop\":\"category 1 stop\",\"resetBy\":\"trainer\"}"));
        ledger.onEvent(event("command", "{\"command\":\"aim\",\"accepted\":true}"));
        assertEquals("soak: 1.25 h, 2 sessions, 1 unexpected faults, 0 unexpected stops, 0 late steps",
                ledger.summary(1.25));
    }

    @Test
    void whoseTellsTheHostsDelayFromTheNodesSilenceFromTheRigsJudgement() {
        assertEquals("host delay", SoakLedger.whose("host delay: nothing read from node 1 for 102 ms because the host"
                + " was late"));
        assertEquals("node or link silent", SoakLedger.whose("node 1: link fault LinkFault[kind=NODE_SILENT]"));
        assertEquals("node or link silent", SoakLedger.whose("node 1: heartbeat watchdog expired after 210 ms"));
        assertEquals("the rig's judgement", SoakLedger.whose("rope left-leg 152.3 kg > 150 kg"));
    }
}
