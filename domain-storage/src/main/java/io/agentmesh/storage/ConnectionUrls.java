package io.agentmesh.storage;

/** Connection URLs as they may appear in logs and error lines: any password masked. */
public final class ConnectionUrls {

  private ConnectionUrls() {
  }

  /** {@code scheme://user:secret@host/...} becomes {@code scheme://user:***@host/...}. */
  public static String redact(String url) {
    return url == null ? null : url.replaceAll("://([^:/@]*):[^@]*@", "://$1:***@");
  }
}
