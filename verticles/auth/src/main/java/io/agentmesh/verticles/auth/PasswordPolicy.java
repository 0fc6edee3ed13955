package io.agentmesh.verticles.auth;

import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.FieldError;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * NIST SP 800-63B style: at least 8 characters, up to 1024 bytes, taken exactly as received, no composition rules,
 * and none of the 10,000 most common passwords (zxcvbn's list, see common-passwords-10k.NOTICE).
 */
final class PasswordPolicy {

  static final int MIN_CHARACTERS = 8;
  static final int MAX_BYTES = 1024;

  private final Set<String> common;

  private PasswordPolicy(Set<String> common) {
    this.common = common;
  }

  /** Blocking: reads the list from the classpath. Call it from a worker. */
  static PasswordPolicy load() {
    Set<String> common = new HashSet<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(
      PasswordPolicy.class.getResourceAsStream("/common-passwords-10k.txt"), StandardCharsets.UTF_8))) {
      reader.lines().map(String::trim).filter(line -> !line.isEmpty()).forEach(common::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new PasswordPolicy(Set.copyOf(common));
  }

  void check(String field, String password) {
    String reason = problem(password);
    if (reason != null) {
      throw DomainException.validation(List.of(new FieldError(field, reason)));
    }
  }

  private String problem(String password) {
    if (password == null || password.codePointCount(0, password.length()) < MIN_CHARACTERS) {
      return "must be at least " + MIN_CHARACTERS + " characters";
    }
    if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      return "must be at most " + MAX_BYTES + " bytes";
    }
    if (common.contains(password.toLowerCase(Locale.ROOT))) {
      return "is one of the most common passwords; choose another";
    }
    return null;
  }
}
