package io.agentmesh.embedded;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The password of an embedded server, so that other local accounts of the machine cannot connect to it: generated
 * on first start (256 random bits, URL-safe so it fits in a connection URL as it is) and kept beside the server's
 * data in a file only its owner may read (0600).
 */
public final class ServerPassword {

  private static final SecureRandom RANDOM = new SecureRandom();

  private ServerPassword() {
  }

  /** The password in {@code file}, created first when there is none. */
  public static String readOrCreate(Path file) throws IOException {
    if (Files.exists(file)) {
      return Files.readString(file).trim();
    }
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    Files.createDirectories(file.toAbsolutePath().getParent());
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    Path written = posix
      ? Files.createTempFile(file.toAbsolutePath().getParent(), ".password", ".tmp",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
      : Files.createTempFile(file.toAbsolutePath().getParent(), ".password", ".tmp");
    Files.writeString(written, password + "\n");
    Files.move(written, file, StandardCopyOption.ATOMIC_MOVE);
    return password;
  }
}
