// Weir WASI guest test program (C, wasi-libc). Run with a scratch directory preopened as ".":
//   fsdemo EXIT_CODE   -- exercises stdio, files, directories, and sandbox escapes, then exits.
// Output is deterministic; WasiGuestProgramsTest compares it line by line.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void check(const char *what, int ok) {
  printf("%s: %s\n", what, ok ? "ok" : strerror(errno));
}

static void denied(const char *what, int failed) {
  // The call must fail; print the errno name the sandbox produced.
  printf("%s: %s\n", what, failed ? (errno == EPERM ? "EPERM" : errno == ENOTCAPABLE ? "ENOTCAPABLE" : strerror(errno)) : "ESCAPED");
}

int main(int argc, char **argv) {
  printf("argc=%d argv1=%s env=%s\n", argc, argc > 1 ? argv[1] : "-", getenv("WEIR_DEMO") ? getenv("WEIR_DEMO") : "-");
  fprintf(stderr, "to stderr\n");

  check("mkdir work", mkdir("work", 0755) == 0);
  FILE *f = fopen("work/a.txt", "w");
  check("fopen w", f != NULL);
  fputs("line one\nline two\n", f);
  fclose(f);
  char buf[64] = {0};
  f = fopen("work/a.txt", "r");
  check("fopen r", f != NULL);
  fgets(buf, sizeof buf, f);
  fclose(f);
  printf("read: %s", buf);
  struct stat st;
  check("stat", stat("work/a.txt", &st) == 0);
  printf("size=%lld regular=%d\n", (long long)st.st_size, S_ISREG(st.st_mode));
  check("rename", rename("work/a.txt", "work/b.txt") == 0);
  check("symlink", symlink("b.txt", "work/link") == 0);
  f = fopen("work/link", "r");
  check("open via symlink", f != NULL);
  if (f) fclose(f);

  int entries = 0;
  DIR *d = opendir("work");
  check("opendir", d != NULL);
  struct dirent *e;
  while (d && (e = readdir(d)) != NULL) {
    if (e->d_name[0] != '.') entries++;
  }
  if (d) closedir(d);
  printf("entries=%d\n", entries);

  denied("open ../outside", open("../outside.txt", O_RDONLY) < 0);
  denied("open work/../../outside", open("work/../../outside.txt", O_RDONLY) < 0);
  check("symlink pointing out", symlink("../../outside.txt", "work/escape") == 0);
  denied("open escaping symlink", open("work/escape", O_RDONLY) < 0);
  denied("mkdir ../made", mkdir("../made", 0755) < 0);

  check("unlink link", unlink("work/link") == 0);
  check("unlink escape", unlink("work/escape") == 0);
  check("unlink b", unlink("work/b.txt") == 0);
  check("rmdir", rmdir("work") == 0);
  fflush(stdout);
  return argc > 1 ? atoi(argv[1]) : 0;
}
