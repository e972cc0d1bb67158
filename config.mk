# copydesk build configuration (sbase style): edit or override on the make
# command line, e.g. `make PREFIX=$HOME/.local install`.
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
DATADIR ?= $(PREFIX)/share/copydesk
DESTDIR ?=

CC ?= cc
CFLAGS ?= -O2 -g
PKGS = libarchive libutf8proc libxxhash zlib libxml-2.0 libisal
