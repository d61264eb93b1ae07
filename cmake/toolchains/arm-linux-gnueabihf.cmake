# Cross build for armv7 Linux with Debian's arm-linux-gnueabihf toolchain
# (g++-arm-linux-gnueabihf), armhf packages in sysroot/armv7, qemu-arm.
set(CMAKE_SYSTEM_PROCESSOR armv7l)
set(_q8nn_triple arm-linux-gnueabihf)
set(_q8nn_sysroot armv7)
set(_q8nn_qemu qemu-arm)
# ARMv7-A with NEON, hard-float ABI (Debian armhf defaults to vfpv3-d16).
set(CMAKE_C_FLAGS_INIT "-march=armv7-a -mfpu=neon -mfloat-abi=hard")
set(CMAKE_CXX_FLAGS_INIT "-march=armv7-a -mfpu=neon -mfloat-abi=hard")
include(${CMAKE_CURRENT_LIST_DIR}/debian-arm-cross.cmake)
