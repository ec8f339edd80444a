package io.sluice.storage.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordFileTest {
  @TempDir Path dir;

  @Test
  void refreshRereadsTheFileWhenItsModificationTimeChanges() throws IOException {
    Path file = dir.resolve("password");
    Files.writeString(file, "  old-pass\n");
    PasswordFile password = PasswordFile.read("main", file);
    FileTime first = Files.getLastModifiedTime(file);

    Files.writeString(file, "  new-pass\n");
    Files.setLastModifiedTime(file, FileTime.fromMillis(first.toMillis() + 2_000));

    assertThat(password.refresh()).isTrue();
    assertThat(password.password()).isEqualTo("new-pass");
    assertThat(password.refresh()).isFalse();
  }

  @Test
  void refreshLeavesAFileWithTheSameTimeAndSizeUnread() throws IOException {
    Path file = dir.resolve("password");
    Files.writeString(file, "pass-one");
    PasswordFile password = PasswordFile.read("main", file);
    FileTime first = Files.getLastModifiedTime(file);

    Files.writeString(file, "pass-two");
    Files.setLastModifiedTime(file, first);

    assertThat(password.refresh()).isFalse();
    assertThat(password.password()).isEqualTo("pass-one");
  }

  @Test
  void refreshOfAMissingFileKeepsThePasswordUntilTheFileIsBack() throws IOException {
    Path file = dir.resolve("password");
    Files.writeString(file, "pass-one");
    PasswordFile password = PasswordFile.read("main", file);

    Files.delete(file);
    assertThat(password.refresh()).isFalse();
    assertThat(password.password()).isEqualTo("pass-one");
    Files.writeString(file, "pass-three");

    assertThat(password.refresh()).isTrue();
    assertThat(password.password()).isEqualTo("pass-three");
  }

  @Test
  void readOfAMissingFileNamesTheKeyAndTheFile() {
    Path file = dir.resolve("absent");

    assertThatThrownBy(() -> PasswordFile.read("main", file))
        .isInstanceOf(IOException.class)
        .hasMessage("cannot read auth::basic::password_file \"" + file
            + "\": java.nio.file.NoSuchFileException: " + file);
  }
}
