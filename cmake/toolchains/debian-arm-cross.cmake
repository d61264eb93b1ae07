# What the two ARM toolchain files share. The includer sets
#   _q8nn_triple     Debian's triple (aarch64-linux-gnu, arm-linux-gnueabihf)
#   _q8nn_sysroot    the sysroot folder name (sysroot/<name> at the repo root)
#   _q8nn_qemu       the qemu-user program that runs its binaries
# cpuinfo and pthreadpool come from that sysroot, into which
# scripts/arm-sysroot.sh unpacks Debian's packages (override with
# -DQ8NN_ARM_SYSROOT=...). Programs (tests, try-runs) run under qemu-user.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_C_COMPILER ${_q8nn_triple}-gcc)
set(CMAKE_CXX_COMPILER ${_q8nn_triple}-g++)

if(NOT Q8NN_ARM_SYSROOT)
  get_filename_component(Q8NN_ARM_SYSROOT "${CMAKE_CURRENT_LIST_DIR}/../../sysroot/${_q8nn_sysroot}"
                         ABSOLUTE)
endif()
set(Q8NN_ARM_SYSROOT "${Q8NN_ARM_SYSROOT}" CACHE PATH
    "Unpacked ${_q8nn_sysroot} cpuinfo/pthreadpool packages")
# Try-compiles re-read the toolchain file: pass the sysroot on.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES Q8NN_ARM_SYSROOT)

set(CMAKE_FIND_ROOT_PATH "${Q8NN_ARM_SYSROOT}" /usr/${_q8nn_triple})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
set(CMAKE_LIBRARY_ARCHITECTURE ${_q8nn_triple})

# The sysroot's shared libraries: found by the linker (dependencies of
# dependencies) and by the loader under qemu.
set(_q8nn_arm_libdir "${Q8NN_ARM_SYSROOT}/usr/lib/${_q8nn_triple}")
string(APPEND CMAKE_EXE_LINKER_FLAGS_INIT " -Wl,-rpath-link,${_q8nn_arm_libdir}")
string(APPEND CMAKE_SHARED_LINKER_FLAGS_INIT " -Wl,-rpath-link,${_q8nn_arm_libdir}")
set(CMAKE_CROSSCOMPILING_EMULATOR ${_q8nn_qemu} -L /usr/${_q8nn_triple} -cpu max
    -E LD_LIBRARY_PATH=${_q8nn_arm_libdir})
