#ifndef VERSION_H
#define VERSION_H
#define TAIZHANG_VERSION "0.1.0"
#endif
