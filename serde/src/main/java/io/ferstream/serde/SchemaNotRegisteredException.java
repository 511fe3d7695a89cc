package io.ferstream.serde;

/**
 * With {@code auto.register.schemas=false}, the record's schema is not registered under its subject; the
 * serializer may not register it, so it refuses the record.
 */
public class SchemaNotRegisteredException extends SerdeException {

  private final String subject;

  public SchemaNotRegisteredException(String subject, Throwable cause) {
    super("Schema is not registered under subject '" + subject + "' and auto.register.schemas is false: "
        + cause.getMessage(), cause);
    this.subject = subject;
  }

  public String subject() {
    return subject;
  }
}
