package io.lifeline.adapter.http;

import java.io.IOException;

/** An answer that breaks HTTP/1.1 or a limit of ours; its message is one line fit for a report as it is. */
final class MalformedAnswerException extends IOException {

    MalformedAnswerException(String message) {
        super(message);
    }
}
