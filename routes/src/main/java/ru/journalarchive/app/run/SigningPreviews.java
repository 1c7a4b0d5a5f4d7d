package ru.journalarchive.app.run;

import java.util.Optional;
import ru.journalarchive.storage.drafts.Drafts;

/** The rendered PDF of a document waiting for the director's signature, as the director reads it before signing. */
@org.springframework.stereotype.Component
public class SigningPreviews {

    private final DirectorSigning signing;
    private final Drafts drafts;

    public SigningPreviews(DirectorSigning signing, Drafts drafts) {
        this.signing = signing;
        this.drafts = drafts;
    }

    /** Empty when the document is not the school's or no longer waits for a signature. */
    public Optional<byte[]> pdf(String school, String documentId) {
        var waiting = signing.waiting(school, documentId);
        return waiting == null ? Optional.empty() : Optional.of(drafts.read(DraftKeys.pdf(waiting)));
    }
}
