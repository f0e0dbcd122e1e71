# `cpack -G DEB` in the build folder makes switchboard_VERSION_ARCH.deb: the GUI, the server
# (with its systemd unit) and the CLI in one package. Depends come from dpkg-shlibdeps, plus
# the SQLite driver Qt loads as a plugin (no ELF dependency shows it).
set(CPACK_PACKAGE_NAME switchboard)
set(CPACK_PACKAGE_VENDOR "The Switchboard developers")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "LAN chat, file transfer and packet inspector")
set(CPACK_PACKAGE_DESCRIPTION "Switchboard is a chat client and server for small teams on a local network
that also shows, frame by frame, what its connections carry: the read chunks
the operating system delivered and the frames reassembled from them.
It includes the desktop client, a headless server with a systemd unit, a
scriptable command-line client and a Wireshark dissector.")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_GENERATOR DEB)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "The Switchboard developers <switchboard@example.org>")
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://switchboard.example.org/")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The programs' own libraries (lib/<multiarch>/switchboard) are in the package, not in Depends.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS ${CMAKE_INSTALL_FULL_LIBDIR}/switchboard)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "tshark | wireshark, fonts-noto-color-emoji")
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)
# /etc/switchboard/server.conf is the admin's: dpkg keeps their edits on upgrade.
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${PROJECT_SOURCE_DIR}/resources/linux/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
