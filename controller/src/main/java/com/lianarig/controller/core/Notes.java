package com.lianarig.controller.core;

import com.lianarig.config.profile.ClientProfile;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.command.Decision;
import com.lianarig.controller.command.Issuer;
import com.lianarig.controller.command.Refusal;

/**
 * The trainer's short note for the attached client's session history ("pain at L5, stopped"; SPEC
 * section 5): taken from the panel in command, handed to the {@link NoteSink}. The decision never
 * carries the text (decisions are journalled and published). Owner: the control thread.
 */
final class Notes {
    private final ClientSession session;
    private volatile NoteSink sink;

    Notes(ClientSession session) {
        this.session = session;
    }

    void sink(NoteSink noteSink) {
        this.sink = noteSink;
    }

    Decision take(Command.Note note, Issuer who, long now) {
        NoteSink s = sink;
        if (s == null) {
            return Decision.refuse(Refusal.WRONG_STATE, "this rig keeps no session history: the note was not kept");
        }
        ClientProfile client = session.client();
        if (client == null) {
            return Decision.refuse(Refusal.NO_CLIENT, "a note goes to the session of the client attached: attach the"
                    + " client first");
        }
        s.note(client.id(), who.panelId(), note.text(), now);
        return Decision.accept("note kept in the session history of client " + client.id());
    }
}
