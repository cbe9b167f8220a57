package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"newsread/config"
)

func TestTheSecretIsReadFromItsFileOrCommand(t *testing.T) {
	home := t.TempDir()
	if err := os.WriteFile(filepath.Join(home, "token"), []byte("s3cret\nsecond line\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(home, "empty"), []byte("\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		account config.Account
		want    string
		err     string
	}{
		{name: "the first line of the token file, under the home folder", account: config.Account{TokenFile: "~/token"}, want: "s3cret"},
		{name: "the first line of the password file", account: config.Account{PasswordFile: filepath.Join(home, "token")}, want: "s3cret"},
		{name: "what the command prints", account: config.Account{PasswordCommand: "echo ' from a command '"}, want: "from a command"},
		{name: "an empty file is an error", account: config.Account{PasswordFile: filepath.Join(home, "empty")}, err: "the secret is empty"},
		{name: "a missing file is an error", account: config.Account{TokenFile: "~/none"}, err: "no such file"},
		{name: "a command that fails is an error naming it", account: config.Account{PasswordCommand: "exit 3"}, err: `password_command "exit 3"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := readSecret(t.Context(), tt.account, home)
			switch {
			case tt.err == "" && (err != nil || got != tt.want):
				t.Errorf("got %q, %v; want %q", got, err, tt.want)
			case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
				t.Errorf("got %q, %v; want an error saying %q", got, err, tt.err)
			}
		})
	}
}
