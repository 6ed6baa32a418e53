"""The private files' settings: the local file system by default, S3-compatible object
storage by setting, and a way of serving that cannot work with the storage refuses to start."""

from tests.foundation.processes import BASE_DIR, clean_env, manage

SHOW = (
    "from django.conf import settings as s; p = s.STORAGES['private'];"
    "print(p['BACKEND'], p['OPTIONS'].get('location'), p['OPTIONS'].get('bucket_name'),"
    " p['OPTIONS'].get('endpoint_url'), p['OPTIONS'].get('querystring_expire'),"
    " s.PRIVATE_FILES_SERVE, s.MATERIALS_MAX_UPLOAD_MB, sep='|')"
)


def shown(**env: str) -> list[str]:
    result = manage("shell", "-c", SHOW, env=clean_env(**env))
    return result.stdout.strip().splitlines()[-1].split("|")


def test_it_keeps_private_files_on_the_local_disk_by_default():
    assert shown() == [
        "django.core.files.storage.FileSystemStorage",
        str(BASE_DIR / "private"),
        "None",
        "None",
        "None",
        "django",
        "25",
    ]


def test_it_keeps_them_in_an_s3_bucket_by_setting():
    assert shown(
        PRIVATE_FILES_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="familiestotte-materiell",
        AWS_S3_ENDPOINT_URL="https://s3.example.no",
        PRIVATE_FILES_URL_SECONDS="30",
        MATERIALS_MAX_UPLOAD_MB="50",
    ) == [
        "storages.backends.s3.S3Storage",
        "",
        "familiestotte-materiell",
        "https://s3.example.no",
        "30",
        "redirect",
        "50",
    ]


def test_it_refuses_to_start_with_a_web_server_redirect_for_files_in_a_bucket():
    env = clean_env(PRIVATE_FILES_STORAGE="s3", PRIVATE_FILES_SERVE="x-accel-redirect")
    result = manage("check", env=env, check=False)
    assert result.returncode != 0
    assert "PRIVATE_FILES_SERVE='x-accel-redirect' does not work with" in result.stderr
